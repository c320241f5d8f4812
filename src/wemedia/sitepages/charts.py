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
