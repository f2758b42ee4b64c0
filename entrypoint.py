import gc

from booty.main import main

code = main()
# The run is over: the interpreter's last collection would only walk the repository index's
# millions of objects (0.8 s on sympy) to free memory the process is about to return anyway.
gc.freeze()
raise SystemExit(code)
