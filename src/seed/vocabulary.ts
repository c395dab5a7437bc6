// Fixed demo vocabulary: sections, authors, tags and the word lists the text templates draw from.
// Every person here is fictional; institutions and places are real so the text reads naturally.

export type SectionKey = 'nasional' | 'regional' | 'global' | 'ekonomi' | 'olahraga' | 'hiburan' | 'teknologi';

export interface SectionSpec {
  key: SectionKey;
  name: string;
  description: string;
  /** Share of the article output; a general-news site publishes more Nasional than Teknologi. */
  weight: number;
  /** Readership multiplier for the view history. */
  appeal: number;
}

export const SECTIONS: readonly SectionSpec[] = [
  {
    key: 'nasional',
    name: 'Nasional',
    weight: 20,
    appeal: 1.3,
    description: 'Berita politik, pemerintahan, hukum, dan peristiwa penting dari seluruh penjuru Tanah Air.',
  },
  {
    key: 'regional',
    name: 'Regional',
    weight: 18,
    appeal: 0.9,
    description: 'Kabar dari daerah tentang pembangunan, layanan publik, dan kehidupan warga di kota dan kabupaten.',
  },
  {
    key: 'global',
    name: 'Global',
    weight: 11,
    appeal: 0.8,
    description: 'Peristiwa internasional, diplomasi, dan perkembangan dunia yang berdampak bagi Indonesia.',
  },
  {
    key: 'ekonomi',
    name: 'Ekonomi',
    weight: 16,
    appeal: 1.0,
    description: 'Perkembangan ekonomi, bisnis, keuangan, harga kebutuhan pokok, dan pasar modal.',
  },
  {
    key: 'olahraga',
    name: 'Olahraga',
    weight: 16,
    appeal: 1.4,
    description: 'Sepak bola, bulu tangkis, balap motor, dan kabar olahraga nasional maupun internasional.',
  },
  { key: 'hiburan', name: 'Hiburan', weight: 10, appeal: 1.2, description: 'Film, musik, selebritas, dan ragam budaya populer Indonesia.' },
  {
    key: 'teknologi',
    name: 'Teknologi',
    weight: 9,
    appeal: 0.9,
    description: 'Gawai, aplikasi, perusahaan rintisan, keamanan siber, dan perkembangan dunia digital.',
  },
];

export interface AuthorSpec {
  name: string;
  bio: string;
  /** Desks the reporter writes for; articles pick an author from the article's section. */
  sections: readonly SectionKey[];
}

export const AUTHORS: readonly AuthorSpec[] = [
  { name: 'Rina Wulandari', sections: ['nasional', 'regional'], bio: 'Wartawan Kabar yang meliput politik dan pemerintahan sejak 2014.' },
  { name: 'Ahmad Fauzan', sections: ['nasional'], bio: 'Meliput isu hukum, parlemen, dan pemberantasan korupsi.' },
  { name: 'Yohanes Manurung', sections: ['regional', 'nasional'], bio: 'Koresponden Kabar di Medan yang menulis tentang Sumatera bagian utara.' },
  { name: 'I Gede Suarsana', sections: ['regional', 'hiburan'], bio: 'Koresponden Kabar di Denpasar; menulis pariwisata, budaya, dan lingkungan.' },
  { name: 'Siti Rahmawati', sections: ['ekonomi'], bio: 'Redaktur ekonomi yang mengikuti pasar modal, perbankan, dan kebijakan fiskal.' },
  { name: 'Teguh Prasetyo', sections: ['ekonomi', 'teknologi'], bio: 'Menulis tentang UMKM, energi, dan ekonomi digital.' },
  { name: 'Andi Pratama', sections: ['olahraga'], bio: 'Wartawan olahraga yang setia mengikuti Timnas Indonesia dan Liga 1.' },
  { name: 'Fitri Handayani', sections: ['olahraga', 'global'], bio: 'Meliput bulu tangkis dan ajang olahraga internasional.' },
  { name: 'Maria Simanjuntak', sections: ['global'], bio: 'Redaktur internasional dengan minat pada diplomasi dan isu Asia Tenggara.' },
  { name: 'Made Ayu Kartika', sections: ['hiburan'], bio: 'Menulis film, musik, dan gaya hidup untuk rubrik Hiburan.' },
  { name: 'Rizky Ramadhan', sections: ['teknologi'], bio: 'Mengulas gawai, aplikasi, dan perkembangan kecerdasan buatan.' },
  {
    name: 'Nur Aini Saragih',
    sections: ['nasional', 'regional', 'ekonomi'],
    bio: 'Wartawan desk daerah yang kerap menulis tentang pangan dan layanan publik.',
  },
];

export const PHOTOGRAPHERS: readonly string[] = [
  'Agus Setiawan',
  'Dimas Ardiansyah',
  'Lina Marlina',
  'Hendra Gunawan',
  'Putu Wirawan',
  'Yusuf Hidayat',
  'Sri Wahyuni',
  'Bayu Aji',
  'Rahmat Hakim',
  'Wulan Sari',
];

export interface TagSpec {
  name: string;
  section: SectionKey;
  /** Relative popularity: a few tags label many stories, most label a few. */
  weight: number;
}

export const TAGS: readonly TagSpec[] = [
  ...tags('nasional', [
    ['Pemilu 2029', 10],
    ['DPR', 8],
    ['KPK', 7],
    ['Polri', 6],
    ['Pilkada', 5],
    ['Kabinet', 5],
    ['Pendidikan', 5],
    ['Kesehatan', 4],
    ['Bansos', 4],
    ['Mahkamah Konstitusi', 3],
    ['TNI', 2],
    ['Mudik', 1],
  ]),
  ...tags('regional', [
    ['Banjir', 10],
    ['Jakarta', 8],
    ['IKN', 7],
    ['Cuaca Ekstrem', 6],
    ['Jawa Barat', 5],
    ['Gempa Bumi', 4],
    ['Transportasi Umum', 4],
    ['Bali', 4],
    ['Sumatera Utara', 3],
    ['Papua', 2],
    ['Sulawesi Selatan', 2],
    ['Kebakaran Hutan', 1],
  ]),
  ...tags('global', [
    ['Timur Tengah', 7],
    ['ASEAN', 6],
    ['Amerika Serikat', 5],
    ['China', 5],
    ['Perubahan Iklim', 4],
    ['PBB', 3],
    ['WNI di Luar Negeri', 2],
    ['Perang Dagang', 1],
  ]),
  ...tags('ekonomi', [
    ['Harga Beras', 10],
    ['Rupiah', 7],
    ['BBM', 7],
    ['IHSG', 6],
    ['Inflasi', 6],
    ['UMKM', 5],
    ['Bank Indonesia', 4],
    ['Pajak', 4],
    ['Ekspor', 2],
    ['Properti', 1],
  ]),
  ...tags('olahraga', [
    ['Timnas Indonesia', 12],
    ['Liga 1', 9],
    ['Bulu Tangkis', 6],
    ['Sepak Bola Eropa', 5],
    ['Persib Bandung', 4],
    ['Persija Jakarta', 4],
    ['MotoGP', 3],
    ['SEA Games', 1],
  ]),
  ...tags('hiburan', [
    ['Film Indonesia', 8],
    ['Selebritas', 7],
    ['Musik', 6],
    ['Konser', 4],
    ['Drama Korea', 3],
    ['Festival', 1],
  ]),
  ...tags('teknologi', [
    ['Kecerdasan Buatan', 8],
    ['Keamanan Siber', 6],
    ['Ponsel', 6],
    ['Kripto', 5],
    ['Startup', 4],
    ['Media Sosial', 3],
    ['Internet', 2],
    ['Gim', 1],
  ]),
];

function tags(section: SectionKey, list: Array<[string, number]>): TagSpec[] {
  return list.map(([name, weight]) => ({ name, section, weight }));
}

export interface Place {
  city: string;
  province: string;
}

function places(province: string, cities: string[]): Place[] {
  return cities.map((city) => ({ city, province }));
}

export const DOMESTIC_PLACES: readonly Place[] = [
  ...places('Sumatera Utara', ['Medan', 'Pematangsiantar']),
  ...places('Sumatera Barat', ['Padang', 'Bukittinggi']),
  ...places('Riau', ['Pekanbaru']),
  ...places('Sumatera Selatan', ['Palembang']),
  ...places('Lampung', ['Bandar Lampung']),
  ...places('Banten', ['Serang', 'Tangerang']),
  ...places('Jawa Barat', ['Bandung', 'Bogor', 'Bekasi', 'Cirebon', 'Depok']),
  ...places('Jawa Tengah', ['Semarang', 'Solo', 'Tegal']),
  ...places('DI Yogyakarta', ['Yogyakarta']),
  ...places('Jawa Timur', ['Surabaya', 'Malang', 'Kediri', 'Banyuwangi']),
  ...places('Bali', ['Denpasar', 'Gianyar']),
  ...places('Nusa Tenggara Barat', ['Mataram']),
  ...places('Nusa Tenggara Timur', ['Kupang', 'Labuan Bajo']),
  ...places('Kalimantan Barat', ['Pontianak']),
  ...places('Kalimantan Timur', ['Samarinda', 'Balikpapan']),
  ...places('Kalimantan Selatan', ['Banjarmasin']),
  ...places('Sulawesi Selatan', ['Makassar', 'Parepare']),
  ...places('Sulawesi Utara', ['Manado']),
  ...places('Maluku', ['Ambon']),
  ...places('Papua', ['Jayapura']),
];

export const JAKARTA: Place = { city: 'Jakarta', province: 'DKI Jakarta' };

export const FOREIGN_PLACES: readonly Place[] = [
  { city: 'Washington', province: 'Amerika Serikat' },
  { city: 'New York', province: 'Amerika Serikat' },
  { city: 'Beijing', province: 'China' },
  { city: 'Tokyo', province: 'Jepang' },
  { city: 'Seoul', province: 'Korea Selatan' },
  { city: 'Singapura', province: 'Singapura' },
  { city: 'Kuala Lumpur', province: 'Malaysia' },
  { city: 'Bangkok', province: 'Thailand' },
  { city: 'Manila', province: 'Filipina' },
  { city: 'Hanoi', province: 'Vietnam' },
  { city: 'Canberra', province: 'Australia' },
  { city: 'London', province: 'Inggris' },
  { city: 'Brussel', province: 'Belgia' },
  { city: 'Jenewa', province: 'Swiss' },
  { city: 'Kairo', province: 'Mesir' },
  { city: 'Riyadh', province: 'Arab Saudi' },
  { city: 'New Delhi', province: 'India' },
  { city: 'Berlin', province: 'Jerman' },
];

/**
 * Regencies by province, so that "{regency}" in a story stays in the same province as its
 * dateline; Jakarta has administrative cities instead.
 */
export const REGENCIES: Readonly<Record<string, readonly string[]>> = {
  'DKI Jakarta': ['Jakarta Timur', 'Jakarta Selatan', 'Jakarta Barat', 'Jakarta Utara', 'Jakarta Pusat'],
  'Sumatera Utara': ['Kabupaten Deli Serdang', 'Kabupaten Langkat', 'Kabupaten Karo'],
  'Sumatera Barat': ['Kabupaten Agam', 'Kabupaten Padang Pariaman'],
  Riau: ['Kabupaten Kampar', 'Kabupaten Siak'],
  'Sumatera Selatan': ['Kabupaten Ogan Ilir', 'Kabupaten Banyuasin'],
  Lampung: ['Kabupaten Lampung Selatan', 'Kabupaten Pringsewu'],
  Banten: ['Kabupaten Pandeglang', 'Kabupaten Lebak'],
  'Jawa Barat': ['Kabupaten Bogor', 'Kabupaten Garut', 'Kabupaten Karawang', 'Kabupaten Bekasi'],
  'Jawa Tengah': ['Kabupaten Banyumas', 'Kabupaten Klaten', 'Kabupaten Kendal'],
  'DI Yogyakarta': ['Kabupaten Sleman', 'Kabupaten Bantul'],
  'Jawa Timur': ['Kabupaten Sidoarjo', 'Kabupaten Jember', 'Kabupaten Malang'],
  Bali: ['Kabupaten Badung', 'Kabupaten Tabanan'],
  'Nusa Tenggara Barat': ['Kabupaten Lombok Timur', 'Kabupaten Lombok Tengah'],
  'Nusa Tenggara Timur': ['Kabupaten Manggarai Barat', 'Kabupaten Sikka'],
  'Kalimantan Barat': ['Kabupaten Kubu Raya', 'Kabupaten Sambas'],
  'Kalimantan Timur': ['Kabupaten Kutai Kartanegara', 'Kabupaten Penajam Paser Utara'],
  'Kalimantan Selatan': ['Kabupaten Banjar', 'Kabupaten Tanah Laut'],
  'Sulawesi Selatan': ['Kabupaten Gowa', 'Kabupaten Maros'],
  'Sulawesi Utara': ['Kabupaten Minahasa'],
  Maluku: ['Kabupaten Maluku Tengah'],
  Papua: ['Kabupaten Jayapura', 'Kabupaten Keerom'],
};

export const FIRST_NAMES: readonly string[] = [
  'Hendra',
  'Bambang',
  'Sri',
  'Dedi',
  'Yulia',
  'Agung',
  'Ratna',
  'Eko',
  'Wahyu',
  'Indah',
  'Arif',
  'Nining',
  'Hasan',
  'Lestari',
  'Joko',
  'Mega',
  'Rudi',
  'Ayu',
  'Fajar',
  'Dian',
  'Irwan',
  'Sulastri',
  'Taufik',
  'Novi',
  'Yosef',
  'Ketut',
  'Robert',
  'Ani',
  'Zulkifli',
  'Melati',
  'Gilang',
  'Reza',
  'Citra',
  'Hadi',
  'Yuliana',
  'Ridwan',
];

export const LAST_NAMES: readonly string[] = [
  'Wijaya',
  'Susanto',
  'Rahayu',
  'Kurniawan',
  'Hidayat',
  'Nugroho',
  'Siregar',
  'Nasution',
  'Pangaribuan',
  'Saputra',
  'Permana',
  'Hasibuan',
  'Lubis',
  'Tanjung',
  'Setiadi',
  'Rahman',
  'Purba',
  'Syahputra',
  'Marpaung',
  'Mahendra',
  'Halim',
  'Kusuma',
  'Gunadi',
  'Rompas',
  'Pattimura',
  'Suryadi',
  'Wibowo',
  'Harahap',
];

export const UNIVERSITIES: readonly string[] = [
  'Universitas Indonesia',
  'Universitas Gadjah Mada',
  'Institut Teknologi Bandung',
  'Universitas Airlangga',
  'Universitas Hasanuddin',
  'Universitas Padjadjaran',
  'Universitas Sumatera Utara',
  'Universitas Udayana',
  'Universitas Diponegoro',
  'Universitas Brawijaya',
];

export const DAY_NAMES: readonly string[] = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

export const CLUBS: readonly string[] = [
  'Persib Bandung',
  'Persija Jakarta',
  'Persebaya Surabaya',
  'Arema FC',
  'PSM Makassar',
  'Bali United',
  'Borneo FC',
  'PSS Sleman',
  'Persis Solo',
  'Madura United',
  'Dewa United',
  'Bhayangkara FC',
  'PSIS Semarang',
];

export const NATIONAL_OPPONENTS: readonly string[] = [
  'Vietnam',
  'Thailand',
  'Malaysia',
  'Filipina',
  'Jepang',
  'Arab Saudi',
  'Australia',
  'Irak',
  'Bahrain',
  'China',
];

export const ARTISTS: readonly string[] = [
  'Nadia Larasati',
  'Bima Aditya',
  'Kirana Putri',
  'Raka Mahardika',
  'Sekar Ayuningtyas',
  'Dito Pramudya',
  'Anjani Maharani',
  'Galih Saputra',
  'Tiara Anindya',
  'Rangga Wiratama',
];

export const BANDS: readonly string[] = ['Senja Utara', 'Lintas Nada', 'Kembara', 'Arunika', 'Rimba Kota', 'Suar Biru', 'Teras Barat'];

export const FILMS: readonly string[] = [
  'Rumah di Ujung Senja',
  'Langit Tanpa Hujan',
  'Surat dari Timur',
  'Kembang Desa',
  'Jejak Terakhir',
  'Malam Satu Suro',
  'Anak-anak Pelabuhan',
  'Tanah Air Kita',
  'Sebelum Subuh',
  'Ombak Selatan',
];

export const COMPANIES: readonly string[] = [
  'Nusantara Digital',
  'Kawan Bayar',
  'Lumbung Data',
  'Pasarku',
  'Ojekin',
  'Awan Teknologi',
  'Rupa AI',
  'Dompet Rakyat',
  'Tokoloka',
  'Arus Data Indonesia',
];

export const PHONE_BRANDS: readonly string[] = ['Samsung', 'Xiaomi', 'Oppo', 'Vivo', 'Apple', 'Infinix', 'Realme'];
