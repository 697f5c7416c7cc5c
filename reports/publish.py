"""`nastavnik publish`: the anonymised public summary — a static page, its charts, a short post.

Writes into one folder: `index.html` (self-contained: inline styles, no scripts, no fonts or
anything else from the internet), the PNG charts it shows, and `post.txt` — the same figures
as a short text for VK and Одноклассники. Only the aggregates of reports.public appear:
no names, no e-mails, no per-person rows, no group under 3 people on its own. Other files in
the folder are left alone; a chart that has nothing to show this time is removed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from nastavnik.reports.figures import coverage_chart, feedback_chart, meetings_chart
from nastavnik.reports.model import AnnualData
from nastavnik.reports.public import (
    HIDDEN,
    HIDDEN_NOTE,
    MIN_GROUP,
    PublicFigure,
    public_sections,
    public_text,
)
from nastavnik.reports.text import dotted
from nastavnik.sheets_schema.errors import WorkbookError, os_reason

PAGE, POST = "index.html", "post.txt"
CHARTS = {  # file → (section it follows, caption)
    "coverage.png": ("Охват", "Охват наставничеством по учебным годам, %"),
    "meetings.png": ("Встречи", "Встречи по месяцам"),
    "feedback.png": ("Обратная связь", "Удовлетворённость участием по волнам опроса"),
}
CARDS = (
    ("Наставников", "наставников"),
    ("Наставляемых", "наставляемых"),
    ("Педагогов, вовлечённых в наставничество, %", "% педагогов вовлечено"),
    ("Встреч наставников и наставляемых", "встреч за год"),
)
STYLE = """
body{margin:0;background:#f4f6f9;color:#1d2733;font:16px/1.5 "DejaVu Sans",Arial,sans-serif}
main{max-width:880px;margin:0 auto;padding:24px 16px 40px}
header{border-bottom:3px solid #1f5fa8;margin-bottom:20px}
.org{margin:0;color:#4a5a6a}
h1{margin:4px 0;font-size:28px}
h2{margin:28px 0 8px;font-size:21px;color:#1f5fa8}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card b{display:block;font-size:30px;color:#1f5fa8}
table{width:100%;border-collapse:collapse;background:#fff}
td{padding:6px 10px;border-bottom:1px solid #dde3ea}
td.v{text-align:right;white-space:nowrap;font-weight:bold;width:9em}
figure{margin:16px 0;text-align:center}
figure img{max-width:100%;height:auto;background:#fff}
figcaption{font-size:14px;color:#4a5a6a}
footer{margin-top:32px;font-size:14px;color:#4a5a6a}
@media print{body{background:#fff}.card{box-shadow:none;border:1px solid #ccc}}
"""


def _charts(data: AnnualData) -> dict[str, bytes | None]:
    return {
        "coverage.png": coverage_chart(data, MIN_GROUP),
        "meetings.png": meetings_chart(data),
        "feedback.png": feedback_chart(data, MIN_GROUP),
    }


def _table(rows: list[PublicFigure]) -> str:
    lines = "".join(
        f"<tr><td>{escape(r.label)}</td><td class=v>{escape(r.text)}</td></tr>" for r in rows
    )
    return f"<table>{lines}</table>"


def _figure(name: str) -> str:
    caption = escape(CHARTS[name][1])
    return f'<figure><img src="{name}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'


def _body(data: AnnualData, drawn: set[str]) -> str:
    if not data.has_data:
        return f"<p>За {escape(data.label)} учебный год данных пока нет.</p>"
    cards = "".join(
        f'<div class="card"><b>{escape(public_text(data, label))}</b>{escape(caption)}</div>'
        for label, caption in CARDS
    )
    parts = [f'<section class="cards">{cards}</section>']
    for title, rows in public_sections(data):
        parts.append(f"<section><h2>{escape(title)}</h2>{_table(rows)}")
        parts.extend(
            _figure(n) for n, (after, _) in CHARTS.items() if after == title and n in drawn
        )
        parts.append("</section>")
    return "\n".join(parts)


def page(data: AnnualData, drawn: set[str]) -> str:
    """The whole index.html."""
    title = f"Наставничество педагогов — {data.organisation}, {data.label} учебный год"
    return f"""<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<style>{STYLE}</style>
</head>
<body>
<main>
<header>
<p class="org">{escape(data.organisation)}</p>
<h1>Система наставничества педагогов</h1>
<p>{escape(data.label)} учебный год · данные на {dotted(data.today)}</p>
</header>
{_body(data, drawn)}
<footer>
<p>Все цифры — обобщённые, без персональных данных. {escape(HIDDEN_NOTE)}
«менее {MIN_GROUP}» — так показано число меньше {MIN_GROUP}.</p>
</footer>
</main>
</body>
</html>
"""


def post(data: AnnualData) -> str:
    """A short text with the main figures for the school's social pages."""
    lines = [f"Наставничество педагогов в {data.organisation}: {data.label} учебный год."]
    if not data.has_data:
        return "\n".join([*lines, "Данных за этот учебный год пока нет.", ""])
    text = {label: public_text(data, label) for label, _ in CARDS}
    lines += [
        f"• Наставников — {text['Наставников']}, наставляемых — {text['Наставляемых']}.",
        f"• Вовлечено в наставничество педагогов: {_percent_text(text[CARDS[2][0]])} "
        f"(цель — {public_text(data, 'Цель дорожной карты, %')} %).",
        f"• Встреч наставников и наставляемых: {text[CARDS[3][0]]}, из них взаимопосещений "
        f"уроков: {public_text(data, 'из них взаимопосещений уроков')}.",
        f"Данные на {dotted(data.today)}.",
        "",
    ]
    return "\n".join(lines)


def _percent_text(text: str) -> str:
    """«39,5» → «39,5 %»; a coarsened «менее 10 %» or a hidden «—» as it is."""
    return text if text.endswith("%") or text == HIDDEN else f"{text} %"


def write_public(data: AnnualData, out: Path) -> list[Path]:
    """Write the page, its charts and the post into `out`; the files written."""
    charts = _charts(data) if data.has_data else dict.fromkeys(CHARTS)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for name, png in charts.items():
            path = out / name
            if png is None:
                path.unlink(missing_ok=True)
                continue
            path.write_bytes(png)
            written.append(path)
        drawn = {p.name for p in written}
        for name, text in ((PAGE, page(data, drawn)), (POST, post(data))):
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    except OSError as error:
        raise WorkbookError(
            f"Не удалось записать страницу в «{out}»: {os_reason(error)}.",
            hint="Проверьте путь к папке и права на запись.",
        ) from None
    return written
