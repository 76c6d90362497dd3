"""The annotated plan as a reviewer hands it back: Word with comments, a web page, Markdown.

`plan.py` gathers what every format needs (the document, its outline and figures, each note
re-anchored in the current text with its section); `word_new.py` and `word_copy.py` write
Word files with one comment per note (a new document, or a copy of a Word plan with its
formatting kept), `html.py` one self-contained web page, `markdown.py` the notes by section;
`run.py` picks the writer for a format. Above the notes store and the converters, below the
command line and the app; nothing here imports Textual, and python-docx loads only for Word.
"""

# Here, not in run.py: the command line's parser lists them without loading the writers and
# the analysis behind them (every `zoneplan` command builds that parser).
FORMATS = ("docx", "html", "md")
DESCRIPTIONS = {
    "docx": "Word with comments",
    "html": "a web page",
    "md": "Markdown by section",
}
