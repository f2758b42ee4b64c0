from booty.main import main

raise SystemExit(main())
