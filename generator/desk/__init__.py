"""The editors' desk: Decap CMS in the browser, a validating local backend in Python, one git commit per save."""
