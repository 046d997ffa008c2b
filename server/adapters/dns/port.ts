// DNS lookups the platform makes (custom-domain verification): one small interface so the
// service holds only logic and tests answer with a fake zone.
export interface DnsResolver {
  /** The TXT records at `name`, each record's strings joined; [] when there are none. */
  txt(name: string): Promise<string[]>;
}
