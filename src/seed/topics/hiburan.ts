import type { SectionText } from './types';

export const HIBURAN: SectionText = {
  places: 'jakarta',
  field: 'budaya populer',
  common: ['general'],
  topics: [
    {
      tags: ['Film Indonesia'],
      weight: 6,
      roles: ['sutradara film tersebut', 'produser film itu'],
      stories: [
        {
          headlines: ['Film {film} Tembus {n} Juta Penonton dalam Dua Pekan', 'Laris Manis, Film {film} Tambah Layar di {n2}0 Kota'],
          ledes: ['Film {film} menembus {n} juta penonton hanya dalam dua pekan penayangan di bioskop.'],
          facts: [
            'Film yang dibintangi {artist} itu menjadi salah satu film terlaris tahun ini.',
            'Sejumlah bioskop menambah jam tayang hingga tengah malam.',
          ],
          quotes: ['Kami tidak menyangka sambutan penonton sebesar ini'],
        },
        {
          headlines: ['{artist} Beradu Akting dengan {artist2} dalam Film {film}', 'Film {film} Rilis Trailer Perdana, Tayang Bulan Depan'],
          ledes: ['Rumah produksi merilis trailer perdana film {film} yang dibintangi {artist} dan {artist2}.'],
          facts: [
            'Syuting film tersebut berlangsung selama dua bulan di {city} dan sekitarnya.',
            'Film ini diadaptasi dari novel laris berjudul sama.',
          ],
          quotes: ['Karakter ini paling menantang yang pernah saya perankan'],
        },
      ],
      facts: ['{role} {official} mengatakan film ini juga akan diputar di sejumlah festival internasional.'],
      captions: ['Penonton antre membeli tiket di sebuah bioskop di {city}.', 'Para pemain berpose dalam acara jumpa pers di Jakarta.'],
    },
    {
      tags: ['Musik', 'Konser', 'Festival'],
      weight: 5,
      roles: ['promotor acara', 'manajer grup tersebut'],
      captions: ['Penonton memadati area konser di {city}.', 'Suasana konser musik di {city}.'],
      stories: [
        {
          headlines: ['Grup {band} Gelar Konser Tunggal di {city}, Tiket Ludes dalam Sehari', 'Konser {band} di {city} Dihadiri {n2} Ribu Penonton'],
          ledes: ['Grup musik {band} menggelar konser tunggal di {city} yang dipadati ribuan penggemar.'],
          facts: [
            'Tiket konser habis terjual dalam waktu kurang dari sehari.',
            'Mereka membawakan lebih dari {n2} lagu, termasuk sejumlah lagu dari album terbaru.',
          ],
          quotes: ['Energi penonton malam ini luar biasa, kami pasti kembali lagi'],
        },
        {
          headlines: ['{artist} Rilis Album Baru Berisi {n2} Lagu', 'Lagu Terbaru {artist} Puncaki Tangga Lagu Digital'],
          ledes: ['Penyanyi {artist} merilis album baru yang digarap selama dua tahun terakhir.'],
          facts: [
            'Lagu andalan di album itu sudah diputar jutaan kali di layanan <em>streaming</em> musik.',
            'Album tersebut juga dirilis dalam bentuk piringan hitam dengan jumlah terbatas.',
          ],
          quotes: ['Album ini cerita tentang pulang dan berdamai dengan diri sendiri'],
        },
        {
          headlines: ['Festival Musik di {city} Hadirkan {n2} Musisi Lintas Generasi'],
          ledes: ['Festival musik tahunan di {city} kembali digelar dengan menghadirkan {n2} musisi lintas generasi.'],
          facts: ['Panitia menyiapkan area khusus untuk pelaku UMKM kuliner lokal.', 'Festival berlangsung selama tiga hari dengan empat panggung.'],
          quotes: ['Kami ingin festival ini jadi ruang pertemuan musisi muda dan senior'],
        },
      ],
    },
    {
      tags: ['Selebritas'],
      weight: 5,
      roles: ['kuasa hukum sang artis', 'manajer sang artis'],
      stories: [
        {
          headlines: ['{artist} Umumkan Pernikahan, Digelar Tertutup di {city}', '{artist} dan {artist2} Resmi Menikah dalam Upacara Adat'],
          ledes: ['Pesinetron {artist} resmi melangsungkan pernikahan dalam acara tertutup yang hanya dihadiri keluarga dan sahabat dekat.'],
          facts: ['Kabar bahagia itu dibagikan melalui akun media sosial pribadinya.', 'Ucapan selamat mengalir dari sesama pesohor dan penggemar.'],
          quotes: ['Kami mohon doa agar semuanya berjalan lancar'],
        },
        {
          headlines: ['{artist} Laporkan Akun Penyebar Fitnah ke Polisi'],
          ledes: ['Artis {artist} melaporkan sejumlah akun media sosial yang diduga menyebarkan fitnah tentang dirinya.'],
          facts: [
            'Laporan dibuat didampingi kuasa hukumnya dengan membawa sejumlah tangkapan layar.',
            'Ia berharap laporan ini menjadi pelajaran bagi warganet agar lebih bijak.',
          ],
          quotes: ['Kritik boleh, tetapi fitnah sudah melewati batas'],
        },
      ],
      facts: ['{role} {official} membenarkan kabar tersebut saat dihubungi wartawan.'],
      captions: ['Sang artis memberikan keterangan kepada wartawan di Jakarta.', 'Sang artis menghadiri sebuah acara di {city}.'],
    },
    {
      tags: ['Drama Korea'],
      weight: 2,
      roles: ['pengamat budaya populer'],
      stories: [
        {
          headlines: ['Drama Korea Terbaru Jadi Tontonan Terpopuler di Indonesia Pekan Ini'],
          ledes: ['Sebuah drama Korea terbaru menduduki peringkat pertama tontonan terpopuler di layanan <em>streaming</em> di Indonesia.'],
          facts: [
            'Penonton Indonesia termasuk yang terbesar untuk drama Korea di Asia Tenggara.',
            'Adegan-adegan dalam drama itu ramai dibuat ulang oleh warganet.',
          ],
          quotes: ['Ceritanya dekat dengan keseharian penonton muda di Indonesia'],
        },
      ],
    },
  ],
  sentences: [
    'Unggahan tersebut langsung dibanjiri komentar warganet.',
    'Penggemar menyambut kabar itu dengan antusias di media sosial.',
    'Industri hiburan Tanah Air dinilai terus bertumbuh dalam beberapa tahun terakhir.',
    'Karya tersebut juga mendapat sambutan positif dari para kritikus.',
    'Ia mengaku bersyukur atas dukungan penggemar selama ini.',
    'Proyek berikutnya dijadwalkan mulai digarap tahun depan.',
    'Nama tersebut sempat menjadi topik terpopuler di media sosial.',
    'Sejumlah rekan sesama artis turut memberikan dukungan.',
    'Penampilannya dinilai semakin matang dibandingkan karya sebelumnya.',
    'Ia mengaku banyak belajar dari para seniornya di industri hiburan.',
  ],
  subheads: ['Sambutan Penggemar', 'Di Balik Layar', 'Proyek Berikutnya'],
  captions: [
    'Suasana konser musik di {city}.',
    'Penonton antre membeli tiket di sebuah bioskop di {city}.',
    'Para pemain berpose dalam acara jumpa pers di Jakarta.',
  ],
};
