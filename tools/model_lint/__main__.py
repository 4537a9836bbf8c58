import sys

from model_lint.cli import main

sys.exit(main())
