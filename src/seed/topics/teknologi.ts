import type { SectionText } from './types';

export const TEKNOLOGI: SectionText = {
  places: 'jakarta',
  field: 'teknologi informasi',
  common: ['general'],
  topics: [
    {
      tags: ['Kecerdasan Buatan', 'Startup'],
      weight: 5,
      roles: ['CEO {company}', 'Wakil Menteri Komunikasi dan Digital'],
      stories: [
        {
          headlines: ['{company} Luncurkan Asisten Kecerdasan Buatan Berbahasa Indonesia', 'Model AI Buatan {company} Kini Paham Bahasa Daerah'],
          ledes: ['Perusahaan teknologi {company} meluncurkan asisten kecerdasan buatan yang mampu memahami bahasa Indonesia sehari-hari.'],
          facts: [
            'Model tersebut dilatih dengan data teks dari berbagai daerah di Indonesia.',
            'Layanan ini bisa digunakan gratis dengan batas pemakaian harian.',
          ],
          quotes: ['Kami ingin AI yang benar-benar mengerti cara orang Indonesia berbicara'],
        },
        {
          headlines: ['Pemerintah Siapkan Aturan Etika Penggunaan Kecerdasan Buatan'],
          ledes: ['Pemerintah menyiapkan pedoman etika penggunaan kecerdasan buatan untuk sektor publik dan swasta.'],
          facts: ['Aturan tersebut akan mengatur transparansi dan pelindungan data pribadi.', 'Pelaku industri dilibatkan dalam penyusunan pedoman.'],
          quotes: ['Inovasi harus tetap berjalan, tetapi hak masyarakat juga harus terlindungi'],
        },
        {
          headlines: ['{company} Raih Pendanaan Seri B Senilai Rp {big} Miliar'],
          ledes: ['Perusahaan rintisan {company} mengumumkan pendanaan seri B senilai Rp {big} miliar.'],
          facts: [
            'Dana segar itu akan digunakan untuk memperluas layanan ke {n} kota baru.',
            'Putaran pendanaan dipimpin oleh modal ventura asal Singapura.',
          ],
          quotes: ['Fokus kami tetap pada pertumbuhan yang sehat dan menguntungkan'],
        },
      ],
      facts: ['{role} {official} menyampaikan hal itu dalam acara peluncuran di Jakarta.'],
    },
    {
      tags: ['Keamanan Siber'],
      weight: 4,
      roles: ['Kepala Badan Siber dan Sandi Negara', 'pakar keamanan siber dari {university}'],
      stories: [
        {
          headlines: [
            'Data {n} Juta Pengguna Aplikasi {company} Diduga Bocor',
            'Kebocoran Data Pengguna {company}, Warganet Diminta Ganti Kata Sandi',
          ],
          ledes: ['Data pribadi sekitar {n} juta pengguna aplikasi {company} diduga bocor dan diperjualbelikan di forum daring.'],
          facts: [
            'Data yang bocor meliputi nama, nomor telepon, dan alamat surel.',
            'Perusahaan menyatakan sedang melakukan investigasi bersama pihak berwenang.',
          ],
          quotes: ['Segera ganti kata sandi dan aktifkan verifikasi dua langkah'],
        },
        {
          headlines: ['Serangan Ransomware Lumpuhkan Layanan Daring Pemerintah Daerah'],
          ledes: ['Serangan <em>ransomware</em> melumpuhkan sejumlah layanan daring milik pemerintah daerah sejak akhir pekan lalu.'],
          facts: ['Layanan administrasi kependudukan sempat dialihkan secara manual.', 'Pemulihan sistem diperkirakan memakan waktu beberapa hari.'],
          quotes: ['Cadangan data yang terpisah adalah kunci menghadapi serangan seperti ini'],
        },
      ],
      facts: ['{role} {official} mengingatkan pentingnya pembaruan sistem secara rutin.'],
      captions: ['Ilustrasi keamanan data di layar komputer.', 'Petugas memantau sistem di pusat data di {city}.'],
    },
    {
      tags: ['Ponsel', 'Gim'],
      weight: 4,
      roles: ['Country Manager {brand} Indonesia'],
      stories: [
        {
          headlines: [
            '{brand} Rilis Ponsel Baru di Indonesia, Harga Mulai Rp {n},{digit} Juta',
            'Ponsel Lipat Terbaru {brand} Resmi Dijual di Indonesia',
          ],
          ledes: ['Produsen ponsel {brand} resmi meluncurkan ponsel terbarunya di Indonesia dengan harga mulai Rp {n},{digit} juta.'],
          facts: [
            'Ponsel tersebut dibekali kamera utama 200 megapiksel dan baterai 5.000 mAh.',
            'Pemesanan awal dibuka mulai pekan ini melalui toko daring resmi.',
            '{role} {official} optimistis penjualan tahun ini akan tumbuh.',
          ],
          quotes: ['Pasar Indonesia sangat penting bagi kami'],
        },
        {
          roles: ['ketua panitia turnamen'],
          headlines: ['Turnamen Gim Daring di {city} Perebutkan Hadiah Rp {n} Miliar'],
          ledes: ['Turnamen gim daring tingkat nasional digelar di {city} dengan total hadiah Rp {n} miliar.'],
          facts: ['Sebanyak {n2}0 tim dari seluruh Indonesia ambil bagian.', 'Pertandingan final disiarkan langsung di platform video.'],
          quotes: ['Industri gim bisa menjadi sumber ekonomi baru bagi anak muda'],
        },
      ],
      captions: ['Pengunjung mencoba ponsel baru di sebuah pusat perbelanjaan di {city}.', 'Peserta bertanding dalam turnamen gim daring di {city}.'],
    },
    {
      tags: ['Kripto'],
      weight: 3,
      roles: ['Kepala Eksekutif Pengawas Inovasi Teknologi Sektor Keuangan OJK', 'CEO {company}'],
      stories: [
        {
          headlines: ['Harga Bitcoin Kembali Menguat, Investor Kripto Indonesia Bertambah', 'Transaksi Aset Kripto di Indonesia Naik {pct} Persen'],
          ledes: ['Jumlah investor aset kripto di Indonesia terus bertambah seiring kembali menguatnya harga bitcoin.'],
          facts: [
            'Nilai transaksi aset kripto sepanjang tahun ini naik {pct} persen.',
            'Otoritas Jasa Keuangan (OJK) kini mengawasi perdagangan aset kripto.',
          ],
          quotes: ['Investor harus memahami risikonya sebelum membeli aset kripto'],
        },
      ],
    },
    {
      tags: ['Media Sosial', 'Internet'],
      weight: 3,
      roles: ['Direktur Jenderal Infrastruktur Digital'],
      stories: [
        {
          headlines: ['Pemerintah Targetkan Internet Cepat Jangkau {n2} Ribu Desa', 'Jaringan 5G Mulai Diperluas ke {n} Kota Baru'],
          ledes: ['Pemerintah menargetkan akses internet cepat menjangkau {n2} ribu desa yang belum terlayani.'],
          facts: ['Pembangunan menara dan satelit dikebut di wilayah timur Indonesia.'],
          quotes: ['Internet kini sama pentingnya dengan listrik dan air bersih'],
        },
        {
          roles: ['pengamat media sosial'],
          headlines: ['Tren Baru di Media Sosial Ramai Diikuti Warganet Indonesia'],
          ledes: ['Sebuah tren baru di media sosial ramai diikuti warganet Indonesia dalam beberapa hari terakhir.'],
          facts: ['Video dengan tagar tren itu sudah ditonton jutaan kali.'],
          quotes: ['Tren seperti ini cepat datang dan cepat pergi'],
        },
      ],
    },
  ],
  sentences: [
    'Pengguna internet di Indonesia saat ini mencapai lebih dari 220 juta orang.',
    'Persaingan di industri teknologi Tanah Air dinilai semakin ketat.',
    'Perusahaan tersebut juga membuka lowongan bagi talenta digital lokal.',
    'Regulasi pelindungan data pribadi mulai berlaku penuh tahun lalu.',
    'Sejumlah perusahaan rintisan memilih fokus pada profitabilitas tahun ini.',
    'Pengguna diimbau selalu memperbarui aplikasi ke versi terbaru.',
    'Pasar Indonesia dinilai menarik karena jumlah penduduk usia muda yang besar.',
    'Perusahaan tersebut mengklaim layanannya telah digunakan jutaan orang.',
    'Pengamat menilai literasi digital masyarakat masih perlu ditingkatkan.',
  ],
  subheads: ['Fitur Utama', 'Tanggapan Pengguna', 'Persaingan Pasar', 'Tantangan Regulasi'],
  captions: [
    'Pengunjung mencoba perangkat baru dalam acara peluncuran di Jakarta.',
    'Suasana kantor perusahaan rintisan di {city}.',
    'Pengguna mengakses aplikasi melalui ponsel di {city}.',
  ],
};
