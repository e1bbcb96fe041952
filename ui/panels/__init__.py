"""The window's docked panels: map list, inspector, problems, facilitation, find bar.

Panels show the document and emit what the user asks for; they never touch storage.
"""
