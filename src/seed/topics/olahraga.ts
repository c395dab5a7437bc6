import { FOREIGN_PLACES, JAKARTA } from '../vocabulary';
import type { SectionText } from './types';

const TOURNAMENT_CITIES = FOREIGN_PLACES.filter((p) =>
  ['Tokyo', 'Kuala Lumpur', 'Bangkok', 'Singapura', 'Seoul', 'London', 'New Delhi'].includes(p.city),
);

export const OLAHRAGA: SectionText = {
  places: 'domestic',
  field: 'sepak bola',
  common: ['general'],
  topics: [
    {
      tags: ['Timnas Indonesia'],
      weight: 7,
      roles: ['pelatih Timnas Indonesia', 'Ketua Umum PSSI'],
      places: [JAKARTA],
      stories: [
        {
          headlines: [
            'Timnas Indonesia Menang {score} atas {opponent} di Kualifikasi Piala Dunia',
            '{player} Cetak Gol, Timnas Indonesia Tundukkan {opponent} {score}',
          ],
          ledes: [
            'Timnas Indonesia meraih kemenangan {score} atas {opponent} dalam lanjutan kualifikasi Piala Dunia di Stadion Utama Gelora Bung Karno, Jakarta.',
          ],
          facts: [
            'Gol penentu kemenangan dicetak {player} pada menit ke-{minute}.',
            'Hasil ini membuat Garuda mengoleksi {n} poin di klasemen grup.',
            'Sekitar {n2}0 ribu suporter memadati stadion sejak sore hari.',
          ],
          quotes: [
            'Para pemain bermain disiplin dan menjalankan instruksi dengan baik',
            'Dukungan suporter benar-benar memberi kami energi tambahan',
          ],
        },
        {
          roles: ['pelatih Timnas Indonesia'],
          headlines: ['Timnas Indonesia Ditahan Imbang {opponent}, Peluang Lolos Masih Terbuka'],
          ledes: ['Timnas Indonesia harus puas bermain imbang melawan {opponent} dalam lanjutan kualifikasi Piala Dunia.'],
          facts: [
            'Indonesia sempat unggul lebih dulu lewat gol {player} pada babak pertama.',
            'Lawan menyamakan kedudukan melalui tendangan sudut menjelang akhir laga.',
          ],
          quotes: ['Kami kehilangan konsentrasi di menit-menit akhir, ini harus jadi pelajaran'],
        },
        {
          headlines: [
            'Pelatih Timnas Indonesia Panggil {n2} Pemain Baru Jelang Laga Melawan {opponent}',
            'Tiket Laga Timnas Indonesia Kontra {opponent} Ludes dalam Hitungan Jam',
          ],
          ledes: ['Timnas Indonesia mulai bersiap menghadapi {opponent} pada laga kualifikasi Piala Dunia pekan depan.'],
          facts: [
            'Pemusatan latihan akan digelar selama sepekan di Jakarta.',
            'Sejumlah pemain diaspora turut dipanggil untuk memperkuat lini belakang.',
            'Tiket pertandingan yang dijual secara daring habis hanya dalam beberapa jam.',
          ],
          quotes: ['Kami hormati lawan, tetapi target kami tetap meraih tiga poin'],
        },
      ],
      facts: ['{role} {official} mengapresiasi dukungan suporter di seluruh Tanah Air.'],
    },
    {
      tags: ['Liga 1'],
      weight: 7,
      roles: ['pelatih {club}', 'manajer {club}'],
      stories: [
        {
          headlines: ['{club} Tundukkan {club2} {score}, Naik ke Papan Atas Klasemen', '{club} Petik Kemenangan {score} atas {club2} di Liga 1'],
          ledes: ['{club} meraih kemenangan {score} atas {club2} dalam lanjutan Liga 1 yang berlangsung {when}.'],
          facts: [
            'Gol pembuka tercipta pada menit ke-{minute} melalui tendangan bebas.',
            'Kemenangan ini membuat {club} naik ke peringkat {digit} klasemen sementara.',
          ],
          quotes: ['Tiga poin ini sangat penting untuk menjaga kepercayaan diri pemain'],
        },
        {
          headlines: ['{club} Ditahan Imbang {club2} di Kandang Sendiri'],
          ledes: ['{club} gagal memanfaatkan keuntungan bermain di kandang setelah ditahan imbang {club2} dalam lanjutan Liga 1.'],
          facts: [
            'Kedua tim saling jual beli serangan tetapi gagal memaksimalkan peluang.',
            'Hasil imbang membuat {club} tertahan di papan tengah klasemen.',
          ],
          quotes: ['Kami harus lebih tenang saat menyelesaikan peluang'],
        },
        {
          headlines: ['{club} Rekrut Gelandang Asing Jelang Putaran Kedua Liga 1'],
          ledes: ['{club} resmi mendatangkan gelandang asing untuk memperkuat skuad menghadapi putaran kedua Liga 1.'],
          facts: ['Pemain tersebut dikontrak selama satu setengah musim.', 'Manajemen klub menyebut rekrutan ini sesuai permintaan tim pelatih.'],
          quotes: ['Kami butuh pemain yang bisa mengatur tempo di lini tengah'],
        },
      ],
      facts: [
        '{role} {official} menilai anak asuhnya tampil lebih agresif pada babak kedua.',
        'Operator liga akan mengevaluasi kualitas lapangan yang dikeluhkan sejumlah tim.',
      ],
    },
    {
      tags: ['Bulu Tangkis', 'SEA Games'],
      weight: 4,
      roles: ['Kepala Bidang Pembinaan dan Prestasi PBSI'],
      places: TOURNAMENT_CITIES,
      stories: [
        {
          headlines: [
            'Ganda Putra Indonesia Melaju ke Final Turnamen Bulu Tangkis di {city}',
            'Indonesia Bawa Pulang Dua Gelar dari Turnamen Bulu Tangkis di {city}',
          ],
          ledes: ['Ganda putra Indonesia memastikan tempat di partai final setelah menang dua gim langsung di {city}, {province}.'],
          facts: ['Pertandingan berlangsung ketat dan berakhir dengan skor 21-{n2} dan 21-{n}.'],
          quotes: ['Kami bermain lebih sabar dan tidak terburu-buru mematikan lawan'],
        },
        {
          headlines: ['Tunggal Putri Indonesia Tersingkir di Babak Perempat Final'],
          ledes: ['Langkah tunggal putri Indonesia terhenti di babak perempat final turnamen bulu tangkis di {city}.'],
          facts: ['Ia kalah rubber game setelah sempat memenangi gim pertama.'],
          quotes: ['Saya kurang siap menghadapi perubahan pola permainan lawan'],
        },
      ],
      facts: ['{role} {official} menyebut hasil ini menjadi bahan evaluasi menjelang turnamen berikutnya.'],
      sentences: [
        'PBSI menargetkan minimal satu gelar dari setiap turnamen level atas.',
        'Poin dari turnamen ini berpengaruh besar terhadap peringkat dunia.',
        'Para pemain dijadwalkan kembali ke Tanah Air dua hari setelah turnamen berakhir.',
        'Sektor ganda putra masih menjadi andalan Indonesia di berbagai turnamen.',
        'Pemain muda diberi kesempatan tampil untuk menambah jam terbang.',
      ],
      captions: ['Pebulu tangkis Indonesia mengembalikan kok dalam pertandingan di {city}.', 'Ganda putra Indonesia merayakan kemenangan di {city}.'],
    },
    {
      tags: ['Sepak Bola Eropa'],
      weight: 3,
      roles: ['pengamat sepak bola'],
      places: [JAKARTA],
      captions: ['Penggemar sepak bola menggelar nonton bareng di sebuah kafe di Jakarta.'],
      stories: [
        {
          headlines: [
            'Real Madrid Menang Tipis atas Barcelona dalam Laga El Clasico',
            'Manchester City Gusur Arsenal dari Puncak Klasemen Liga Inggris',
          ],
          ledes: ['Laga panas antarklub raksasa Eropa kembali menyedot perhatian penggemar sepak bola di Tanah Air.'],
          facts: [
            'Pertandingan disiarkan langsung dan ditonton jutaan penggemar di Indonesia.',
            'Hasil tersebut membuat persaingan menuju gelar juara semakin ketat.',
          ],
          quotes: ['Persaingan musim ini jauh lebih ketat dibandingkan musim lalu'],
        },
      ],
    },
    {
      tags: ['MotoGP'],
      weight: 2,
      roles: ['Direktur Utama Mandalika Grand Prix Association'],
      places: [{ city: 'Mataram', province: 'Nusa Tenggara Barat' }],
      stories: [
        {
          headlines: ['Tiket MotoGP Mandalika Mulai Dijual, Harga Termurah Rp {n2}0 Ribu', 'Sirkuit Mandalika Siap Gelar Balapan MotoGP Tahun Depan'],
          ledes: ['Penjualan tiket MotoGP Mandalika di Lombok, Nusa Tenggara Barat, resmi dibuka mulai {when}.'],
          facts: [
            'Panitia menargetkan lebih dari {n}0 ribu penonton selama tiga hari balapan.',
            'Hotel di sekitar Lombok dilaporkan mulai penuh dipesan.',
          ],
          quotes: ['Kami ingin penonton merasa nyaman dari kedatangan sampai pulang'],
        },
      ],
      sentences: [
        'Pemerintah daerah menyiapkan kantong parkir dan angkutan gratis bagi penonton.',
        'Ajang ini diharapkan mendongkrak kunjungan wisatawan ke Lombok.',
        'Pelaku UMKM setempat bersiap menyambut lonjakan pengunjung.',
        'Tahun lalu, ajang serupa disaksikan lebih dari seratus ribu penonton.',
      ],
      captions: ['Pebalap melintas di Sirkuit Mandalika, Lombok.', 'Penonton memadati tribune Sirkuit Mandalika, Lombok.'],
    },
  ],
  sentences: [
    'Suporter menyambut hasil tersebut dengan antusias di media sosial.',
    'Jadwal pertandingan berikutnya akan diumumkan operator kompetisi.',
    'Tim pelatih akan mengevaluasi kondisi fisik pemain sebelum laga berikutnya.',
    'Cedera sejumlah pemain inti menjadi pekerjaan rumah bagi tim pelatih.',
    'Federasi berjanji memperbaiki kualitas kompetisi dan pembinaan usia muda.',
    'Statistik pertandingan menunjukkan penguasaan bola cukup berimbang.',
    'Laga tersebut disiarkan langsung oleh stasiun televisi nasional.',
    'Kondisi lapangan yang licin akibat hujan sempat menyulitkan kedua tim.',
    'Sejumlah pemain muda mendapat kesempatan tampil sebagai pemain pengganti.',
  ],
  subheads: ['Jalannya Pertandingan', 'Komentar Pelatih', 'Laga Berikutnya', 'Statistik Laga'],
  captions: [
    'Para pemain merayakan gol dalam pertandingan di {city}.',
    'Suporter memadati tribune stadion di {city}.',
    'Pemain berebut bola dalam pertandingan lanjutan kompetisi.',
    'Sesi latihan tim di {city} menjelang laga berikutnya.',
  ],
};
