"""The archive website's pages, each kind in its own module; `wemedia.website` puts them together."""
