import sys

from civic.cli import main

sys.exit(main())
