"""Small vector glyphs drawn with QPainterPath (no icon files): channels and badges.

Every glyph is built once in a 12 x 12 box and drawn with a pen in the caller's colour, so it
stays sharp at any zoom and prints as vectors.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

# Keyword (found in the lower-cased channel text) -> glyph name; first match wins.
_CHANNEL_WORDS = (
    (("e-mail", "email", "newsletter", "mailing"), "mail"),
    (("chat", "messenger", "whatsapp", "bot"), "chat"),
    (("sms", "app", "mobile", "push"), "mobile"),
    (("phone", "call", "hotline", "telephone"), "phone"),
    (("video", "youtube", "webinar"), "video"),
    (("event", "conference", "trade show", "fair", "meetup"), "event"),
    (("social", "linkedin", "twitter", "facebook", "instagram", "community", "forum"), "social"),
    (("ad", "ads", "advert", "campaign", "tv", "radio", "billboard", "print"), "megaphone"),
    (("letter", "post", "contract", "document", "brochure", "paper", "invoice"), "document"),
    (("payment", "billing", "card", "checkout"), "payment"),
    (("support", "help", "ticket", "service desk"), "support"),
    (("store", "shop", "branch", "retail", "office"), "store"),
    (("person", "face", "meeting", "visit", "field", "sales rep", "in-person"), "person"),
    (("partner", "reseller", "referral", "word of mouth", "peer"), "people"),
    (("web", "site", "online", "portal", "search", "seo", "internet"), "globe"),
)


def channel_glyph(channel: str) -> str | None:
    """The glyph name for a free-text channel, "letter" for unknown text, None for none."""
    text = channel.strip().lower()
    if not text:
        return None
    words = set(text.replace("/", " ").replace("-", " ").split())
    for keys, name in _CHANNEL_WORDS:
        for key in keys:
            if (" " in key and key in text) or key in words or (len(key) > 3 and key in text):
                return name
    return "letter"


@cache
def glyph_path(name: str) -> QPainterPath:
    """A stroke path in a 12 x 12 box."""
    return _BUILDERS[name]()


def _mail() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.5, 2, 11, 8), 1.2, 1.2)
    p.moveTo(0.8, 2.6)
    p.lineTo(6, 6.6)
    p.lineTo(11.2, 2.6)
    return p


def _chat() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.5, 1, 11, 7.5), 2.5, 2.5)
    p.moveTo(3, 8.5)
    p.lineTo(2.5, 11.2)
    p.lineTo(5.5, 8.5)
    return p


def _mobile() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(3, 0.5, 6, 11), 1.3, 1.3)
    p.moveTo(5.2, 9.6)
    p.lineTo(6.8, 9.6)
    return p


def _phone() -> QPainterPath:
    # A classic handset: two ear cups joined by a curved grip.
    p = QPainterPath()
    p.moveTo(1.5, 4.5)
    p.cubicTo(1.5, 1, 10.5, 1, 10.5, 4.5)
    p.lineTo(8.3, 5.6)
    p.lineTo(7.6, 4)
    p.cubicTo(6.8, 3.6, 5.2, 3.6, 4.4, 4)
    p.lineTo(3.7, 5.6)
    p.closeSubpath()
    p.addRoundedRect(QRectF(2.5, 7, 7, 4.2), 1, 1)
    p.addEllipse(QPointF(6, 9.1), 0.9, 0.9)
    return p


def _video() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.5, 2, 11, 8), 2, 2)
    p.addPolygon(QPolygonF([QPointF(4.8, 4), QPointF(8.2, 6), QPointF(4.8, 8), QPointF(4.8, 4)]))
    return p


def _event() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.8, 2, 10.4, 9.4), 1.2, 1.2)
    p.moveTo(0.8, 4.8)
    p.lineTo(11.2, 4.8)
    for x in (3.5, 8.5):
        p.moveTo(x, 0.6)
        p.lineTo(x, 3.2)
    p.addRect(QRectF(6.8, 7, 2.2, 2.2))
    return p


def _social() -> QPainterPath:
    p = QPainterPath()
    for x, y in ((2.4, 6), (9.6, 2.4), (9.6, 9.6)):
        p.addEllipse(QPointF(x, y), 1.8, 1.8)
    p.moveTo(4, 5.2)
    p.lineTo(8, 3.2)
    p.moveTo(4, 6.8)
    p.lineTo(8, 8.8)
    return p


def _megaphone() -> QPainterPath:
    p = QPainterPath()
    p.addPolygon(QPolygonF([QPointF(1, 4.5), QPointF(4, 4.5), QPointF(10.5, 1.2),
                            QPointF(10.5, 10.8), QPointF(4, 7.5), QPointF(1, 7.5),
                            QPointF(1, 4.5)]))
    p.moveTo(3.2, 7.5)
    p.lineTo(4.4, 11)
    p.lineTo(6, 11)
    p.lineTo(5.4, 8.4)
    return p


def _document() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(2, 0.6)
    p.lineTo(7.6, 0.6)
    p.lineTo(10, 3)
    p.lineTo(10, 11.4)
    p.lineTo(2, 11.4)
    p.closeSubpath()
    p.moveTo(7.6, 0.6)
    p.lineTo(7.6, 3)
    p.lineTo(10, 3)
    for y in (5.5, 7.5, 9.5):
        p.moveTo(4, y)
        p.lineTo(8, y)
    return p


def _payment() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.5, 2, 11, 8), 1.3, 1.3)
    p.moveTo(0.5, 4.6)
    p.lineTo(11.5, 4.6)
    p.moveTo(2.5, 7.8)
    p.lineTo(5, 7.8)
    return p


def _support() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(6, 6), 5.3, 5.3)
    p.addEllipse(QPointF(6, 6), 2.3, 2.3)
    for (x1, y1), (x2, y2) in (((2.3, 2.3), (4.4, 4.4)), ((9.7, 2.3), (7.6, 4.4)),
                               ((2.3, 9.7), (4.4, 7.6)), ((9.7, 9.7), (7.6, 7.6))):
        p.moveTo(x1, y1)
        p.lineTo(x2, y2)
    return p


def _store() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(0.6, 4.6)
    p.lineTo(2, 1)
    p.lineTo(10, 1)
    p.lineTo(11.4, 4.6)
    p.closeSubpath()
    p.moveTo(1.6, 4.6)
    p.lineTo(1.6, 11.2)
    p.lineTo(10.4, 11.2)
    p.lineTo(10.4, 4.6)
    p.addRect(QRectF(4.6, 7.4, 2.8, 3.8))
    return p


def _person() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(6, 3.4), 2.6, 2.6)
    p.moveTo(1, 11.5)
    p.cubicTo(1, 6.8, 11, 6.8, 11, 11.5)
    return p


def _people() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(4, 3.6), 2, 2)
    p.addEllipse(QPointF(8.6, 4.4), 1.7, 1.7)
    p.moveTo(0.4, 11)
    p.cubicTo(0.4, 6.8, 7.6, 6.8, 7.6, 11)
    p.moveTo(7.2, 7.4)
    p.cubicTo(9, 6.6, 11.6, 7.6, 11.6, 10.6)
    return p


def _globe() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(6, 6), 5.4, 5.4)
    p.addEllipse(QPointF(6, 6), 2.4, 5.4)
    p.moveTo(0.6, 6)
    p.lineTo(11.4, 6)
    return p


def _letter() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(0.6, 0.6, 10.8, 10.8), 2.5, 2.5)
    return p


# -- badges ------------------------------------------------------------------------------------
def _pain() -> QPainterPath:
    """A lightning bolt: something hurts here."""
    p = QPainterPath()
    p.addPolygon(QPolygonF([QPointF(7, 0.3), QPointF(1.8, 7), QPointF(5.6, 7),
                            QPointF(4.6, 11.7), QPointF(10.2, 4.6), QPointF(6.3, 4.6),
                            QPointF(7, 0.3)]))
    return p


def _opportunity() -> QPainterPath:
    """A light bulb: an idea to improve."""
    p = QPainterPath()
    p.moveTo(4.2, 8.6)
    p.cubicTo(1, 6.6, 1.6, 0.8, 6, 0.8)
    p.cubicTo(10.4, 0.8, 11, 6.6, 7.8, 8.6)
    p.closeSubpath()
    p.addRect(QRectF(4.3, 9.4, 3.4, 1.1))
    p.moveTo(5, 11.5)
    p.lineTo(7, 11.5)
    return p


def _truth() -> QPainterPath:
    """A star: a moment of truth."""
    points = []
    for i in range(11):
        radius = 5.8 if i % 2 == 0 else 2.5
        angle = math.pi / 2 + i * math.pi / 5
        points.append(QPointF(6 + radius * math.cos(angle), 6.3 - radius * math.sin(angle)))
    p = QPainterPath()
    p.addPolygon(QPolygonF(points))
    return p


_BUILDERS = {
    "mail": _mail, "chat": _chat, "mobile": _mobile, "phone": _phone, "video": _video,
    "event": _event, "social": _social, "megaphone": _megaphone, "document": _document,
    "payment": _payment, "support": _support, "store": _store, "person": _person,
    "people": _people, "globe": _globe, "letter": _letter, "pain": _pain,
    "opportunity": _opportunity, "truth": _truth,
}
GLYPHS = tuple(_BUILDERS)
