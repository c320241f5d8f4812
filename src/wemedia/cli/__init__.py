"""`wemedia` commands: one module per subcommand, each with `add(subparsers)` and `run(args) -> int`."""
