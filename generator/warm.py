"""What every worker's first paper would load, loaded once in the fork server (`processes.PRELOAD`) before it forks them.

Importing the drawing libraries is not all of a worker's start: its first
paper also loads jieba's dictionary (chart labels are broken between words)
and has cffi parse the C types WeasyPrint's PDF writer and font subsetter
use, about a second together, measured on the first bulletin an issuing
worker prints. A worker forked from a server that did both starts with them
done. Issuing one edition renders in a fresh worker, so that second was
paid on every `safety365 issue`.

Nothing here is for import by other modules: importing it does the work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jieba

from generator import strings
from generator.paper.pdf import Archival, write_pdf
from generator.words import tokens

jieba.initialize()
tokens(strings.PROGRAMME)
write_pdf(
    f'<html lang="zh-CN"><head><title>{strings.PROGRAMME}</title></head><body><h1>{strings.PROGRAMME}</h1><p>2017</p></body></html>',
    Path.cwd(),
    Archival(strings.PROGRAMME, dt.date(2017, 1, 1), strings.PROGRAMME),  # the archival variant: its tagging code too
)
