"""Reach: the week's content where the county reads and watches it — WeChat, vertical clips, the post room.

Each channel re-tells an edition (an episode or a bulletin issue, from
`generator.editions`) as the public saw it on the edition's date; none of them
reads the site, bulletin or TV pack code.
"""
