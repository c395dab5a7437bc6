import type { SectionText } from './types';

export const EKONOMI: SectionText = {
  places: 'jakarta',
  field: 'ekonomi',
  common: ['general', 'policy', 'local'],
  topics: [
    {
      tags: ['Harga Beras', 'Inflasi'],
      weight: 6,
      roles: ['Kepala Badan Pangan Nasional', 'Direktur Utama Perum Bulog'],
      stories: [
        {
          headlines: ['Harga Beras Medium Naik Jadi Rp {rp} per Kilogram di {city}', 'Pedagang Pasar Induk Keluhkan Pasokan Beras yang Tersendat'],
          ledes: ['Harga beras medium di sejumlah pasar tradisional di {city} naik menjadi Rp {rp} per kilogram dalam sepekan terakhir.'],
          facts: [
            'Kenaikan harga terjadi karena pasokan dari sentra produksi berkurang akibat mundurnya masa panen.',
            'Harga cabai dan bawang merah juga ikut naik di tingkat pedagang eceran.',
          ],
          quotes: ['Pembeli berkurang, tetapi kami terpaksa menaikkan harga karena modal juga naik'],
        },
        {
          headlines: ['Bulog Gelontorkan {big} Ton Beras untuk Operasi Pasar', 'Pemerintah Pastikan Stok Beras Aman hingga Akhir Tahun'],
          ledes: ['Perum Bulog menyalurkan {big} ton beras untuk operasi pasar guna menstabilkan harga.'],
          facts: [
            'Operasi pasar digelar serentak di lebih dari {n}0 titik.',
            'Beras dijual sesuai harga eceran tertinggi dengan batas pembelian per orang.',
          ],
          quotes: ['Stok beras aman, masyarakat tidak perlu membeli secara berlebihan'],
        },
        {
          headlines: ['Inflasi Tahunan Tercatat {pct} Persen, Dipicu Kenaikan Harga Pangan'],
          ledes: ['Badan Pusat Statistik (BPS) mencatat inflasi tahunan sebesar {pct} persen, terutama dipicu kenaikan harga bahan pangan.'],
          facts: [
            'Kelompok makanan, minuman, dan tembakau memberikan andil terbesar.',
            'Inflasi inti masih berada dalam rentang sasaran Bank Indonesia.',
          ],
          quotes: ['Kenaikan ini musiman dan akan kembali normal setelah panen raya'],
        },
      ],
      captions: [
        'Pedagang melayani pembeli beras di pasar tradisional di {city}.',
        'Pekerja memindahkan karung beras di gudang Bulog di {city}.',
        'Warga antre membeli beras dalam operasi pasar di {city}.',
      ],
      facts: [
        '{role} {official} memastikan cadangan beras pemerintah masih mencukupi.',
        'Pemerintah meminta pemerintah daerah memantau harga pangan setiap hari.',
      ],
    },
    {
      tags: ['Rupiah', 'IHSG', 'Bank Indonesia'],
      weight: 6,
      roles: ['Gubernur Bank Indonesia', 'Direktur Utama Bursa Efek Indonesia'],
      stories: [
        {
          headlines: ['Rupiah Ditutup Melemah ke Level Rp {fx} per Dolar AS'],
          ledes: ['Nilai tukar rupiah terhadap dolar Amerika Serikat ditutup melemah ke level Rp {fx} pada perdagangan {when}.'],
          facts: [
            'Pelemahan dipengaruhi penguatan dolar AS setelah rilis data tenaga kerja Amerika Serikat.',
            'Bank Indonesia melakukan intervensi di pasar valas dan obligasi.',
          ],
          quotes: ['Kami akan terus berada di pasar untuk memastikan rupiah bergerak stabil'],
        },
        {
          headlines: ['IHSG Menguat {pct} Persen, Saham Perbankan Jadi Penopang', 'Investor Asing Catat Beli Bersih Rp {big} Miliar di Bursa'],
          ledes: ['Indeks Harga Saham Gabungan (IHSG) ditutup menguat {pct} persen pada akhir perdagangan {when}.'],
          facts: [
            'Saham-saham sektor perbankan dan energi menjadi penopang utama indeks.',
            'Nilai transaksi harian di bursa mencapai Rp {n},{digit} triliun.',
          ],
          quotes: ['Investor masih menunggu kepastian arah suku bunga global'],
        },
        {
          headlines: ['Bank Indonesia Tahan Suku Bunga Acuan di Level Enam Persen'],
          ledes: ['Rapat Dewan Gubernur Bank Indonesia memutuskan mempertahankan suku bunga acuan di level enam persen.'],
          facts: [
            'Keputusan tersebut diambil untuk menjaga stabilitas nilai tukar di tengah ketidakpastian global.',
            'Cadangan devisa dinilai masih cukup untuk meredam gejolak pasar.',
          ],
          quotes: ['Kebijakan ini konsisten dengan upaya menjaga inflasi tetap dalam sasaran'],
        },
      ],
      facts: ['{role} {official} menyampaikan hal itu dalam keterangan pers di Jakarta.'],
      captions: [
        'Layar pergerakan saham di Bursa Efek Indonesia, Jakarta.',
        'Petugas menghitung uang dolar AS dan rupiah di tempat penukaran valuta asing di Jakarta.',
      ],
    },
    {
      tags: ['BBM', 'Inflasi'],
      weight: 4,
      roles: ['Menteri Energi dan Sumber Daya Mineral', 'Kepala BPH Migas'],
      stories: [
        {
          headlines: ['Harga BBM Nonsubsidi Turun Mulai Hari Ini, Ini Daftarnya'],
          ledes: ['Harga bahan bakar minyak (BBM) nonsubsidi turun mulai {when}.'],
          facts: ['Penyesuaian harga mengikuti tren harga minyak dunia dan nilai tukar rupiah.'],
          quotes: ['Penurunan ini kabar baik bagi konsumen dan pelaku usaha logistik'],
        },
        {
          headlines: ['Pemerintah Kaji Pembatasan Pembelian Pertalite Berbasis Aplikasi'],
          ledes: ['Pemerintah tengah mengkaji pembatasan pembelian BBM bersubsidi agar penyalurannya lebih tepat sasaran.'],
          facts: [
            'Kuota BBM bersubsidi tahun ini ditetapkan sebesar {n2} juta kiloliter.',
            'Konsumen diminta mendaftarkan kendaraan melalui aplikasi yang disediakan.',
          ],
          quotes: ['Subsidi harus dinikmati oleh mereka yang benar-benar membutuhkan'],
        },
        {
          headlines: ['Antrean Solar Mengular di SPBU {city}, Pasokan Ditambah'],
          ledes: ['Antrean kendaraan untuk membeli solar mengular di sejumlah SPBU di {city} sejak pagi hari.'],
          facts: ['Sopir truk mengaku harus menunggu hingga tiga jam untuk mendapatkan solar.'],
          quotes: ['Pasokan tambahan sudah dikirim dan antrean akan terurai dalam dua hari'],
        },
      ],
      facts: ['{role} {official} memastikan pasokan ke seluruh SPBU dalam kondisi aman.'],
      captions: ['Petugas mengisi bahan bakar kendaraan di SPBU di {city}.', 'Antrean kendaraan di sebuah SPBU di {city}.'],
    },
    {
      tags: ['UMKM', 'Pajak'],
      weight: 4,
      roles: ['Menteri Usaha Mikro, Kecil, dan Menengah', 'Direktur Jenderal Pajak'],
      stories: [
        {
          headlines: ['Penyaluran KUR untuk UMKM Capai Rp {trillion} Triliun', 'Pelaku UMKM di {city} Kian Bergantung pada Penjualan Daring'],
          ledes: ['Penyaluran Kredit Usaha Rakyat (KUR) hingga bulan ini mencapai Rp {trillion} triliun.'],
          facts: [
            'Sebagian besar penerima KUR bergerak di sektor perdagangan dan pertanian.',
            'Penjualan melalui lokapasar menyumbang lebih dari separuh omzet sebagian pelaku usaha.',
          ],
          quotes: ['UMKM adalah tulang punggung ekonomi, jadi aksesnya ke pembiayaan harus dipermudah'],
        },
        {
          headlines: ['Ditjen Pajak Perpanjang Batas Waktu Pelaporan SPT Tahunan'],
          ledes: ['Direktorat Jenderal Pajak memperpanjang batas waktu pelaporan Surat Pemberitahuan (SPT) Tahunan.'],
          facts: [
            'Wajib pajak dapat melaporkan SPT melalui layanan daring tanpa harus datang ke kantor pajak.',
            'Perpanjangan diberikan karena gangguan pada sistem pelaporan pekan lalu.',
          ],
          quotes: ['Wajib pajak tidak akan dikenai denda selama masa perpanjangan'],
        },
      ],
    },
    {
      tags: ['Ekspor', 'Properti'],
      weight: 2,
      roles: ['Kepala Badan Pusat Statistik', 'Ketua Umum Real Estat Indonesia'],
      stories: [
        {
          headlines: ['Neraca Perdagangan Surplus {n} Bulan Berturut-turut'],
          ledes: ['Neraca perdagangan Indonesia kembali mencatat surplus, ditopang ekspor batu bara dan minyak sawit.'],
          facts: ['Nilai ekspor nonmigas tumbuh dibandingkan bulan sebelumnya.'],
          quotes: ['Surplus ini menunjukkan daya saing produk ekspor kita masih terjaga'],
        },
        {
          headlines: ['Penjualan Rumah Tapak di Kawasan Penyangga Jakarta Meningkat'],
          ledes: ['Penjualan rumah tapak di kawasan penyangga Jakarta naik {pct} persen dibandingkan tahun lalu.'],
          facts: [
            'Pengembang menawarkan skema cicilan ringan untuk menarik pembeli muda.',
            'Insentif pajak pertambahan nilai turut mendorong penjualan.',
          ],
          quotes: ['Permintaan dari pembeli rumah pertama masih sangat kuat'],
        },
      ],
    },
  ],
  sentences: [
    'Ekonom memperkirakan pertumbuhan ekonomi tahun ini berada di kisaran lima persen.',
    'Daya beli masyarakat kelas menengah menjadi perhatian utama pemerintah.',
    'Pelaku usaha berharap kebijakan tersebut tidak berubah-ubah.',
    'Kementerian Keuangan menyatakan defisit anggaran tetap terkendali.',
    'Harga komoditas global masih menjadi faktor risiko bagi perekonomian domestik.',
    'Sejumlah asosiasi pengusaha meminta dilibatkan dalam penyusunan aturan teknis.',
    'Konsumsi rumah tangga masih menjadi penopang utama pertumbuhan ekonomi nasional.',
  ],
  subheads: ['Dampak bagi Konsumen', 'Proyeksi Pasar', 'Respons Pelaku Usaha', 'Kebijakan Pemerintah'],
  captions: [
    'Pedagang melayani pembeli di pasar tradisional di {city}.',
    'Layar pergerakan saham di Bursa Efek Indonesia, Jakarta.',
    'Petugas mengisi bahan bakar kendaraan di SPBU di {city}.',
    'Pekerja memindahkan karung beras di gudang di {city}.',
  ],
};
