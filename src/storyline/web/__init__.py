"""The HTTP API and web page (`storyline serve`)."""
