// A process's own CPU time from /proc/<pid>/stat, for the load scripts that set a cost beside a
// throughput: utime + stime, in clock ticks of 10 ms (USER_HZ, 100 on Linux).
import { readFileSync } from 'node:fs';

export function processCpuMillis(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name, which may hold spaces: utime and stime are the 12th and 13th fields
  // (stat(5): 14 and 15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
