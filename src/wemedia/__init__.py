"""wemedia: the editorial and compliance repository for a library's self-media (自媒体运营管理规范)."""

__version__ = "0.1.0"
