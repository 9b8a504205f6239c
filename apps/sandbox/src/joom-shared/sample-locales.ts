import { Rng } from './prng';

/**
 * Buyers and addresses per destination country, in their own scripts
 * (Cyrillic, Turkish, CJK, accented Latin): the gateway must carry them
 * through untouched, so the sandbox must send them. `{n}` is a house number.
 */
export interface SampleLocale {
  country: string;
  phonePrefix: string;
  /** Digits after the prefix, so numbers have the country's length. */
  phoneDigits: number;
  /** CJK names print family name first. */
  familyFirst: boolean;
  firstNames: readonly string[];
  lastNames: readonly string[];
  places: readonly (readonly [city: string, state: string])[];
  streets: readonly string[];
  /** Second address line, or none. */
  units: readonly string[];
  zip: (rng: Rng) => string;
}

const digits = (n: number) => (rng: Rng) => rng.digits(n);

export const SAMPLE_LOCALES: readonly SampleLocale[] = [
  {
    country: 'RU', phonePrefix: '+7 9', phoneDigits: 9, familyFirst: false,
    firstNames: ['Анна', 'Дмитрий', 'Екатерина', 'Сергей', 'Юлия', 'Алексей', 'Наталья'],
    lastNames: ['Смирнова', 'Иванов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев'],
    places: [['Москва', 'Москва'], ['Санкт-Петербург', 'Санкт-Петербург'], ['Новосибирск', 'Новосибирская область'], ['Казань', 'Республика Татарстан']],
    streets: ['ул. Ленина, д. {n}', 'Невский пр-т, д. {n}', 'ул. Профсоюзная, д. {n}, корп. 2'],
    units: ['кв. {n}', 'подъезд 3, кв. {n}', ''],
    zip: digits(6),
  },
  {
    country: 'TR', phonePrefix: '+90 5', phoneDigits: 9, familyFirst: false,
    firstNames: ['Ayşe', 'Çağrı', 'Gökhan', 'Şule', 'İlkay', 'Özlem', 'Ümit'],
    lastNames: ['Yılmaz', 'Öztürk', 'Çelik', 'Şahin', 'Doğan', 'Güneş'],
    places: [['İstanbul', 'İstanbul'], ['Ankara', 'Ankara'], ['İzmir', 'İzmir'], ['Eskişehir', 'Eskişehir']],
    streets: ['Atatürk Cad. No:{n}', 'Bağdat Cd. No:{n}', 'İstiklal Cd. No:{n}'],
    units: ['D:{n}', 'Kat 2 Daire {n}', ''],
    zip: digits(5),
  },
  {
    country: 'JP', phonePrefix: '+81 90', phoneDigits: 8, familyFirst: true,
    firstNames: ['太郎', '花子', '翔太', 'さくら', '健一'],
    lastNames: ['山田', '佐藤', '鈴木', '高橋', '田中'],
    places: [['渋谷区', '東京都'], ['大阪市北区', '大阪府'], ['札幌市中央区', '北海道']],
    streets: ['道玄坂1-2-{n}', '梅田3-1-{n}', '北一条西{n}丁目'],
    units: ['マンション{n}号室', ''],
    zip: (rng) => `${rng.digits(3)}-${rng.digits(4)}`,
  },
  {
    country: 'CN', phonePrefix: '+86 13', phoneDigits: 9, familyFirst: true,
    firstNames: ['伟', '芳', '娜', '秀英', '敏'],
    lastNames: ['王', '李', '张', '刘', '陈'],
    places: [['北京市', '北京'], ['上海市', '上海'], ['广州市', '广东省'], ['深圳市', '广东省']],
    streets: ['朝阳区建国路{n}号', '浦东新区世纪大道{n}号', '天河区体育西路{n}号'],
    units: ['{n}室', ''],
    zip: digits(6),
  },
  {
    country: 'KR', phonePrefix: '+82 10', phoneDigits: 8, familyFirst: true,
    firstNames: ['민준', '서연', '지호', '하은'],
    lastNames: ['김', '이', '박', '최'],
    places: [['서울특별시', '서울'], ['부산광역시', '부산']],
    streets: ['강남구 테헤란로 {n}', '해운대구 해운대로 {n}'],
    units: ['{n}호', ''],
    zip: digits(5),
  },
  {
    country: 'DE', phonePrefix: '+49 15', phoneDigits: 9, familyFirst: false,
    firstNames: ['Jürgen', 'Käthe', 'Björn', 'Lena', 'Jörg'],
    lastNames: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Bäcker'],
    places: [['München', 'Bayern'], ['Köln', 'Nordrhein-Westfalen'], ['Düsseldorf', 'Nordrhein-Westfalen']],
    streets: ['Königstraße {n}', 'Schloßallee {n}', 'Mühlenweg {n}'],
    units: ['Hinterhaus, 2. OG', ''],
    zip: digits(5),
  },
  {
    country: 'FR', phonePrefix: '+33 6', phoneDigits: 8, familyFirst: false,
    firstNames: ['Élodie', 'François', 'Hélène', 'Jérôme', 'Anaïs'],
    lastNames: ['Lefèvre', 'Dupré', 'Girard', 'Bérenger'],
    places: [['Paris', 'Île-de-France'], ['Besançon', 'Bourgogne-Franche-Comté'], ['Nîmes', 'Occitanie']],
    streets: ['{n} rue de la Paix', '{n} avenue des Champs-Élysées', '{n} boulevard Saint-Michel'],
    units: ['Bâtiment B, escalier {n}', ''],
    zip: digits(5),
  },
  {
    country: 'ES', phonePrefix: '+34 6', phoneDigits: 8, familyFirst: false,
    firstNames: ['José', 'María', 'Íñigo', 'Begoña'],
    lastNames: ['Núñez', 'García', 'Peña', 'Muñoz'],
    places: [['Madrid', 'Comunidad de Madrid'], ['A Coruña', 'Galicia'], ['Málaga', 'Andalucía']],
    streets: ['Calle de Alcalá {n}', 'Avenida de la Constitución {n}'],
    units: ['{n}º B', ''],
    zip: digits(5),
  },
  {
    country: 'PL', phonePrefix: '+48 5', phoneDigits: 8, familyFirst: false,
    firstNames: ['Łukasz', 'Małgorzata', 'Paweł', 'Zofia'],
    lastNames: ['Wiśniewski', 'Wójcik', 'Kamińska', 'Żak'],
    places: [['Kraków', 'Małopolskie'], ['Łódź', 'Łódzkie'], ['Gdańsk', 'Pomorskie']],
    streets: ['ul. Floriańska {n}', 'ul. Piotrkowska {n}'],
    units: ['m. {n}', ''],
    zip: (rng) => `${rng.digits(2)}-${rng.digits(3)}`,
  },
  {
    country: 'US', phonePrefix: '+1 555', phoneDigits: 7, familyFirst: false,
    firstNames: ['Mick', 'Zoë', 'Renée', 'Guadalupe', 'Marko'],
    lastNames: ["O'Connor", 'Berry', 'Smith', 'Schroeder', 'Peña-López'],
    places: [['North Bay', 'NC'], ['New York City', 'NY'], ['San José', 'CA']],
    streets: ['{n} W Verona Ave', '{n} PO Box 5 Rt 49', '{n} w 51st Street'],
    units: ['Apt {n}', 'Suite {n}', ''],
    zip: digits(5),
  },
];
