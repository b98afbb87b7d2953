/**
 * The provincial channels (粤省事, 粤商通): figures reported by the province per year, with the
 * number of Zhanjiang items derived from the catalogue's channel flags.
 */
import type { Kysely } from 'kysely';
import type { Database, ServiceChannelCode } from './schema.js';
import type { ServiceChannelRow } from './rows.js';

const CHANNEL_ORDER: readonly ServiceChannelCode[] = ['YUESHENGSHI', 'YUESHANGTONG'];

export async function serviceChannels(db: Kysely<Database>, year: number): Promise<ServiceChannelRow[]> {
  const yearEnd = `${year}-12-31`;
  const [figures, domains] = await Promise.all([
    db
      .selectFrom('channel_statistics as cs')
      .selectAll('cs')
      .select((eb) =>
        eb
          .selectFrom('item_channels as ic')
          .innerJoin('service_items as si', 'si.code', 'ic.item_code')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('ic.channel', '=', 'cs.channel')
          .where('ic.since', '<=', yearEnd)
          .where('si.effective_from', '<=', yearEnd)
          .as('items'),
      )
      .where('cs.year', '=', year)
      .execute(),
    db
      .selectFrom('channel_service_domains')
      .select(['channel', 'domain'])
      .where('year', '=', year)
      .orderBy('channel')
      .orderBy('position')
      .execute(),
  ]);
  return figures
    .map((f) => ({
      ...f,
      items: Number(f.items ?? 0),
      service_domains: domains.filter((d) => d.channel === f.channel).map((d) => d.domain),
    }))
    .sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel));
}
