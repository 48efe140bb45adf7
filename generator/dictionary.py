"""Importing this module loads jieba's dictionary: the fork server names it among the modules it preloads.

jieba reads its dictionary (some 350,000 words) on first use, about half a
second; a worker that lays out a pack's captions or renders the site's pages
would otherwise read it again in every build, on the path an edit waits on.
"""

from __future__ import annotations

import logging

import jieba

jieba.setLogLevel(logging.WARNING)
jieba.initialize()
