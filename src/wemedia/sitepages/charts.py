"""Charts drawn at build time as SVG: nothing is fetched or run in the reader's browser."""

from __future__ import annotations

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
