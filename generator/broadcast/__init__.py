"""The weekly TV pack for 《安全365》: rundown, slides, lower-thirds, captions and a preview."""
