"""Charts drawn at build time as SVG: nothing is fetched or run in the reader's browser."""

from __future__ import annotations

import datetime as dt

from wemedia.sitepages.common import cell


def bars(items: list[tuple[str, int, str]], title: str) -> str:
    """A bar chart of (label, value, link) as inline SVG; each bar links to its view."""
    if not items:
        return ""
    width, height, top, bottom = max(320, 28 * len(items) + 40), 180, 20, 40
    peak = max(v for _, v, _ in items) or 1
    step = (width - 40) / len(items)
    parts = [
        f'<svg class="wm-chart" viewBox="0 0 {width} {height}" style="max-width:{width * 1.6:.0f}px" role="img" '
        f'aria-label="{cell(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{cell(title)}</title>',
        f'<line x1="30" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="currentColor" stroke-width="0.5"/>',
    ]
    for i, (label, value, href) in enumerate(items):
        h = (height - top - bottom) * value / peak
        x = 35 + i * step
        y = height - bottom - h
        parts.append(
            f'<a href="{href}"><rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
            f'fill="var(--md-primary-fg-color, #4051b5)"><title>{cell(label)}：{value} 篇</title></rect>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" font-size="10" text-anchor="middle" '
            f'fill="currentColor">{value}</text></a>'
            f'<text x="{x + step * 0.35:.1f}" y="{height - bottom + 14}" font-size="9" text-anchor="end" '
            f'transform="rotate(-45 {x + step * 0.35:.1f} {height - bottom + 14})" fill="currentColor">{cell(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def monthly(points: list[tuple[str, int | None]], title: str, unit: str, *, line: bool = False) -> str:
    """One figure month by month as inline SVG: bars from zero, or a line (followers, whose changes are
    small beside the total) between the lowest and highest value. A month without the figure is a gap
    marked "—", never a zero. The SVG scales to the page's width (no sideways scrolling on a phone)."""
    known = [v for _, v in points if v is not None]
    if not points:
        return ""
    width, height, left, top, bottom = max(300, 72 * len(points) + 40), 180, 30, 26, 36
    low = min(known, default=0) if line else 0
    high = max(known, default=0)
    if line:  # room below the lowest point for its label, above the highest for its own
        pad = max((high - low) // 4, 1)
        low, high = low - pad, high + pad
    span = (high - low) or 1
    step = (width - left - 10) / len(points)
    base = height - bottom

    def y(value: int) -> float:
        return base - (height - top - bottom) * (value - low) / span

    parts = [
        f'<svg class="wm-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{cell(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{cell(title)}</title>',
        f'<line x1="{left}" y1="{base}" x2="{width - 5}" y2="{base}" stroke="currentColor" stroke-width="0.5"/>',
    ]
    path, colour = [], "var(--md-primary-fg-color, #4051b5)"
    for i, (month, value) in enumerate(points):
        x = left + step * (i + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" font-size="13" text-anchor="middle" fill="currentColor">{cell(month)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{x:.1f}" y="{base - 6}" font-size="12" text-anchor="middle" fill="currentColor">—'
                f"<title>{cell(month)}：没有数据</title></text>"
            )
            path.append(None)
            continue
        top_y = y(value)
        if line:
            path.append((x, top_y))
            parts.append(
                f'<circle cx="{x:.1f}" cy="{top_y:.1f}" r="3" fill="{colour}">'
                f"<title>{cell(month)}：{value:,} {cell(unit)}</title></circle>"
            )
        else:
            parts.append(
                f'<rect x="{x - step * 0.3:.1f}" y="{top_y:.1f}" width="{step * 0.6:.1f}" height="{base - top_y:.1f}" '
                f'fill="{colour}"><title>{cell(month)}：{value:,} {cell(unit)}</title></rect>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{top_y - 6:.1f}" font-size="14" text-anchor="middle" fill="currentColor">{value:,}</text>'
        )
    segment: list[str] = []
    for point in [*path, None]:  # a missing month breaks the line
        if point is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2"/>')
            segment = []
        else:
            segment.append(f"{point[0]:.1f},{point[1]:.1f}")
    parts.append("</svg>")
    return "".join(parts)


CELL, STEP, LEFT, TOP = 10, 12, 22, 18  # a day's square, its pitch, room for weekday and month labels
SHADES = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")  # 0, 1, 2, 3, 4+ items that day
PAUSED, OVER = "#c6d4ee", "#d73a49"  # a recorded pause's days; the outline of a gap over the limit
WEEKDAYS = "一二三四五六日"


def heatmap(year: int, counts: dict, over: dict, paused: dict, label: str) -> str:
    """One year of publication days, GitHub-style: a column per week (Monday on top), a square per day
    coloured by the items published that day, each with its `<title>` (date, count, and why it is
    marked). `over`: day -> note for the silent days of a gap longer than the limit (outlined in red);
    `paused`: day -> reason for days inside a recorded pause (pale blue). Drawn at its own size inside a
    box that scrolls sideways (`wm-scroll`), so a phone scrolls the calendar, never the page."""

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = first - dt.timedelta(days=first.weekday())  # the Monday of the week holding 1 January
    weeks = (last - start).days // 7 + 1
    width, height = LEFT + weeks * STEP + 4, TOP + 7 * STEP + 30
    parts = [
        f'<div class="wm-scroll wm-heatmap"><svg class="wm-calendar" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{cell(label)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{cell(label)}</title>'
    ]
    for row in (0, 2, 4):
        parts.append(
            f'<text x="{LEFT - 6}" y="{TOP + row * STEP + CELL - 2}" font-size="9" text-anchor="end" '
            f'fill="currentColor">{WEEKDAYS[row]}</text>'
        )
    for month in range(1, 13):
        day = dt.date(year, month, 1)
        column = (day - start).days // 7
        parts.append(
            f'<text x="{LEFT + column * STEP}" y="{TOP - 6}" font-size="9" fill="currentColor">{month}月</text>'
        )
    day = first
    while day <= last:
        offset = (day - start).days
        x, y = LEFT + offset // 7 * STEP, TOP + day.weekday() * STEP
        n = counts.get(day, 0)
        fill = SHADES[min(n, 4)] if n or day not in paused else PAUSED
        note = f"{day} 星期{WEEKDAYS[day.weekday()]}：" + (f"发布 {n} 条" if n else "未发布")
        if day in paused:
            note += f"；已记录暂停：{paused[day]}"
        if day in over:
            note += f"；{over[day]}"
        stroke = f' stroke="{OVER}" stroke-width="1.5"' if day in over else ""
        parts.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{fill}"{stroke}>'
            f"<title>{cell(note)}</title></rect>"
        )
        day += dt.timedelta(days=1)
    y = TOP + 7 * STEP + 12
    parts.append(f'<text x="{LEFT}" y="{y + 9}" font-size="9" fill="currentColor">少</text>')
    for i, shade in enumerate(SHADES):
        parts.append(f'<rect x="{LEFT + 14 + i * STEP}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{shade}"/>')
    x = LEFT + 14 + len(SHADES) * STEP
    parts.append(f'<text x="{x + 2}" y="{y + 9}" font-size="9" fill="currentColor">多</text>')
    x += 30
    parts.append(
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{SHADES[0]}" stroke="{OVER}" '
        f'stroke-width="1.5"/><text x="{x + 15}" y="{y + 9}" font-size="9" fill="currentColor">超过最长间隔的空档</text>'
    )
    x += 120
    parts.append(
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{PAUSED}"/>'
        f'<text x="{x + 15}" y="{y + 9}" font-size="9" fill="currentColor">已记录的暂停</text>'
    )
    parts.append("</svg></div>")
    return "".join(parts)
