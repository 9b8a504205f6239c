/* Prints the fault suite's report (.data/faults-report.json) as one table; scripts/faults.sh runs it last. */
import { formatTable, readRows, REPORT_FILE } from '../support/faults-report';

const rows = readRows();
process.stdout.write(rows.length ? `${formatTable(rows)}\n` : `no rows in ${REPORT_FILE}\n`);
