"""The printed bulletin 《安全生产通报》: HTML from Jinja templates, PDF through WeasyPrint."""
