import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data: Cambodia's 25 provinces (ISO 3166-2:KH), the police rank ladder, and the reasons of DOMAIN.md. */
// Copied from shared/reference/provinces-kh.csv and ranks-kh.csv (sources named there).
const PROVINCES: [
  code: string,
  name: string,
  nameKm: string,
  isoName: string,
  type: string,
  aliases: string[],
][] = [
  [
    'KH-1',
    'Banteay Meanchey',
    'បន្ទាយមានជ័យ',
    'Banteay Mean Choăy',
    'PROVINCE',
    ['Banteay Mean Choăy'],
  ],
  ['KH-2', 'Battambang', 'បាត់ដំបង', 'Baat Dambang', 'PROVINCE', ['Baat Dambang']],
  ['KH-3', 'Kampong Cham', 'កំពង់ចាម', 'Kampong Chaam', 'PROVINCE', ['Kampong Chaam']],
  ['KH-4', 'Kampong Chhnang', 'កំពង់ឆ្នាំង', 'Kampong Chhnang', 'PROVINCE', []],
  ['KH-5', 'Kampong Speu', 'កំពង់ស្ពឺ', 'Kampong Spueu', 'PROVINCE', ['Kampong Spueu']],
  ['KH-6', 'Kampong Thom', 'កំពង់ធំ', 'Kampong Thum', 'PROVINCE', ['Kampong Thum']],
  ['KH-7', 'Kampot', 'កំពត', 'Kampot', 'PROVINCE', []],
  ['KH-8', 'Kandal', 'កណ្ដាល', 'Kandaal', 'PROVINCE', ['Kandaal']],
  ['KH-9', 'Koh Kong', 'កោះកុង', 'Kaoh Kong', 'PROVINCE', ['Kaoh Kong']],
  ['KH-10', 'Kratié', 'ក្រចេះ', 'Kracheh', 'PROVINCE', ['Kratie', 'Kracheh']],
  ['KH-11', 'Mondulkiri', 'មណ្ឌលគិរី', 'Mondol Kiri', 'PROVINCE', ['Mondul Kiri', 'Mondol Kiri']],
  ['KH-12', 'Phnom Penh', 'រាជធានីភ្នំពេញ', 'Phnom Penh', 'CAPITAL', []],
  ['KH-13', 'Preah Vihear', 'ព្រះវិហារ', 'Preah Vihear', 'PROVINCE', []],
  ['KH-14', 'Prey Veng', 'ព្រៃវែង', 'Prey Veaeng', 'PROVINCE', ['Prey Veaeng']],
  ['KH-15', 'Pursat', 'ពោធិ៍សាត់', 'Pousaat', 'PROVINCE', ['Pousaat']],
  ['KH-16', 'Ratanakiri', 'រតនគិរី', 'Rotanak Kiri', 'PROVINCE', ['Ratanak Kiri', 'Rotanak Kiri']],
  ['KH-17', 'Siem Reap', 'សៀមរាប', 'Siem Reab', 'PROVINCE', ['Siem Reab']],
  ['KH-18', 'Preah Sihanouk', 'ព្រះសីហនុ', 'Preah Sihanouk', 'PROVINCE', ['Sihanoukville']],
  ['KH-19', 'Stung Treng', 'ស្ទឹងត្រែង', 'Stoĕng Trêng', 'PROVINCE', ['Stoĕng Trêng']],
  ['KH-20', 'Svay Rieng', 'ស្វាយរៀង', 'Svaay Rieng', 'PROVINCE', ['Svaay Rieng']],
  ['KH-21', 'Takéo', 'តាកែវ', 'Taakaev', 'PROVINCE', ['Takeo', 'Taakaev']],
  ['KH-22', 'Oddar Meanchey', 'ឧត្ដរមានជ័យ', 'Otdar Mean Chey', 'PROVINCE', ['Otdar Mean Chey']],
  ['KH-23', 'Kep', 'កែប', 'Kaeb', 'PROVINCE', ['Kaeb']],
  ['KH-24', 'Pailin', 'ប៉ៃលិន', 'Pailin', 'PROVINCE', []],
  ['KH-25', 'Tbong Khmum', 'ត្បូងឃ្មុំ', 'Tbong Khmum', 'PROVINCE', ['Tboung Khmum']],
];

const RANKS: [
  code: string,
  order: number,
  tier: string,
  name: string,
  nameKm: string,
  aliases: string[],
  confidence: string,
][] = [
  ['GEN', 1, 'GENERAL_OFFICER', 'General', 'នាយឧត្តមសេនីយ៍', ['Four-star general'], 'medium'],
  [
    'LT_GEN',
    2,
    'GENERAL_OFFICER',
    'Lieutenant General',
    'ឧត្តមសេនីយ៍ឯក',
    ['Three-star general', 'Lt Gen', 'Lt-Gen'],
    'medium',
  ],
  [
    'MAJ_GEN',
    3,
    'GENERAL_OFFICER',
    'Major General',
    'ឧត្តមសេនីយ៍ទោ',
    ['Two-star general', 'Maj Gen', 'Maj-Gen'],
    'medium',
  ],
  [
    'BRIG_GEN',
    4,
    'GENERAL_OFFICER',
    'Brigadier General',
    'ឧត្តមសេនីយ៍ត្រី',
    ['One-star general', 'Brig Gen', 'Brig-Gen', 'Brigadier-General'],
    'high',
  ],
  ['COL', 5, 'SENIOR_OFFICER', 'Colonel', 'វរសេនីយ៍ឯក', ['Col'], 'medium'],
  [
    'LT_COL',
    6,
    'SENIOR_OFFICER',
    'Lieutenant Colonel',
    'វរសេនីយ៍ទោ',
    ['Lt Col', 'Lt-Col', 'Lieutenant-Colonel'],
    'medium',
  ],
  ['MAJ', 7, 'SENIOR_OFFICER', 'Major', 'វរសេនីយ៍ត្រី', ['Maj'], 'low'],
  ['CAPT', 8, 'JUNIOR_OFFICER', 'Captain', 'អនុសេនីយ៍ឯក', ['Capt'], 'medium'],
  ['LT', 9, 'JUNIOR_OFFICER', 'Lieutenant', 'អនុសេនីយ៍ទោ', ['First Lieutenant', '1st Lt'], 'medium'],
  [
    'SECOND_LT',
    10,
    'JUNIOR_OFFICER',
    'Second Lieutenant',
    'អនុសេនីយ៍ត្រី',
    ['Sub-lieutenant', '2nd Lt'],
    'high',
  ],
  [
    'NCO',
    11,
    'NON_COMMISSIONED',
    'Non-commissioned officer',
    'ព្រឹន្ទបាល',
    ['Sergeant', 'Sergeant major'],
    'low',
  ],
  ['ENLISTED', 12, 'ENLISTED', 'Police agent', 'ពលបាល', ['Corporal'], 'low'],
];

const REASONS: [code: string, label: string, description: string][] = [
  ['DRUG_POSITIVE_TEST', 'Positive drug test', 'The officer tested positive for illegal drugs.'],
  [
    'DRUG_TRAFFICKING',
    'Drug trafficking',
    'Involvement in the trade or transport of illegal drugs.',
  ],
  [
    'INTERNAL_REGULATION_VIOLATION',
    'Internal regulation violation',
    "A breach of the police force's internal rules or discipline.",
  ],
  ['CORRUPTION', 'Corruption', 'Bribery, extortion or other misuse of office for gain.'],
  [
    'ABUSE_OF_POWER',
    'Abuse of power',
    'Misuse of police authority, including violence against civilians.',
  ],
  ['ABSENCE', 'Absence', 'Unauthorised absence or abandonment of post.'],
  [
    'CRIMINAL_OFFENCE',
    'Criminal offence',
    'A criminal offence other than those listed separately.',
  ],
  ['UNSPECIFIED', 'Unspecified', 'The source gives no reason, or only "alleged wrongdoing".'],
];

export class SeedReferenceData1764158400001 implements MigrationInterface {
  name = 'SeedReferenceData1764158400001';

  async up(q: QueryRunner): Promise<void> {
    for (const [i, [code, name, nameKm, isoName, type, aliases]] of PROVINCES.entries()) {
      await q.query(
        `INSERT INTO province (code, country_code, name, name_km, iso_name, type, aliases, sort_order)
         VALUES ($1, 'KH', $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
        [code, name, nameKm, isoName, type, aliases, i + 1],
      );
    }
    for (const [code, order, tier, name, nameKm, aliases, confidence] of RANKS) {
      await q.query(
        `INSERT INTO rank (code, rank_order, tier, name, name_km, aliases, confidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
        [code, order, tier, name, nameKm, aliases, confidence],
      );
    }
    for (const [code, label, description] of REASONS) {
      await q.query(
        `INSERT INTO reason (code, label, description) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
        [code, label, description],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reason WHERE code = ANY($1)`, [REASONS.map((r) => r[0])]);
    await q.query(`DELETE FROM rank WHERE code = ANY($1)`, [RANKS.map((r) => r[0])]);
    await q.query(`DELETE FROM province WHERE code = ANY($1)`, [PROVINCES.map((p) => p[0])]);
  }
}
