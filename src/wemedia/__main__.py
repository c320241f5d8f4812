import sys

from wemedia.cli.main import main

sys.exit(main())
