import sys

from belgai_desktop.cli import main

sys.exit(main())
