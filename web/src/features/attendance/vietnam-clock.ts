/** "09:05:12" in Vietnam time, as the sheet and its CSV show times whatever the device's zone. */
export function vietnamClock(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}
