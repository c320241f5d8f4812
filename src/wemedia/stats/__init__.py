"""Platform statistics exports (5.6): read a back office's own export and map it to the monthly row."""
