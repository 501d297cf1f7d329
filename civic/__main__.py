from civic.cli import main
from civic.heap import end_process

end_process(main())
