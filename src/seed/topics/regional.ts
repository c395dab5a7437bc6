import { JAKARTA } from '../vocabulary';
import type { SectionText } from './types';

export const REGIONAL: SectionText = {
  places: 'domestic',
  field: 'tata kota',
  common: ['general', 'policy', 'local'],
  topics: [
    {
      tags: ['Banjir', 'Cuaca Ekstrem'],
      weight: 6,
      roles: ['Kepala BPBD {province}', 'Wali Kota {city}'],
      stories: [
        {
          headlines: [
            'Banjir Rendam {n} Kecamatan di {city}, Ribuan Warga Mengungsi',
            'Hujan Deras Semalaman, Sejumlah Jalan Utama di {city} Tergenang',
          ],
          ledes: ['Banjir merendam permukiman warga di {n} kecamatan di {city} setelah hujan deras mengguyur sejak malam hari.'],
          facts: [
            'Ketinggian air di beberapa titik mencapai {n2}0 sentimeter.',
            'Sejumlah ruas jalan utama sempat tidak dapat dilalui kendaraan roda dua.',
          ],
        },
        {
          headlines: ['Tanggul Jebol, Permukiman Warga di {regency} Terendam Banjir'],
          ledes: ['Ratusan rumah di {regency} terendam setelah tanggul sungai jebol pada dini hari.'],
          facts: [
            'Tanggul sepanjang sekitar {n2} meter itu jebol karena tidak mampu menahan debit air.',
            'Petugas memasang karung pasir untuk menutup tanggul sementara.',
          ],
        },
        {
          headlines: ['BMKG Peringatkan Potensi Cuaca Ekstrem di {province} Sepekan ke Depan'],
          ledes: [
            'Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan potensi hujan lebat disertai angin kencang di wilayah {province}.',
          ],
          facts: ['Cuaca ekstrem diperkirakan berlangsung hingga sepekan ke depan.', 'Nelayan diminta tidak melaut karena gelombang tinggi.'],
        },
      ],
      facts: [
        'Badan Penanggulangan Bencana Daerah (BPBD) mendirikan posko pengungsian dan dapur umum.',
        '{role} {official} mengatakan pompa air tambahan telah dikerahkan ke lokasi rawan.',
        'Warga diimbau menjauhi bantaran sungai dan mewaspadai banjir susulan.',
        'Hingga kini tidak ada laporan korban jiwa, tetapi kerugian materiel masih dihitung.',
      ],
      captions: [
        'Warga melintasi jalan yang tergenang air di {city}.',
        'Petugas mengevakuasi warga menggunakan perahu karet di {regency}.',
        'Anak-anak bermain di sekitar permukiman yang terendam banjir di {regency}.',
      ],
      quotes: [
        'Kami minta warga di bantaran sungai segera mengungsi jika hujan kembali turun',
        'Drainase kota sudah tidak mampu menampung debit air sebesar ini',
      ],
    },
    {
      tags: ['Gempa Bumi'],
      weight: 2,
      roles: ['Kepala Pusat Gempa Bumi BMKG', 'Kepala BPBD {province}'],
      stories: [
        {
          headlines: [
            'Gempa Magnitudo 5,{digit} Guncang {province}, Warga Berhamburan Keluar Rumah',
            'Gempa di {province} Tidak Berpotensi Tsunami, Sejumlah Bangunan Retak',
          ],
          ledes: ['Gempa bumi berkekuatan magnitudo 5,{digit} mengguncang wilayah {province} pada {when} pagi.'],
          facts: [
            'Pusat gempa berada di laut pada kedalaman sekitar {n2}0 kilometer.',
            'BMKG memastikan gempa tersebut tidak berpotensi tsunami.',
            'Petugas masih mendata kerusakan bangunan di sejumlah desa.',
          ],
          quotes: ['Warga kami minta tetap tenang dan tidak terpancing kabar bohong soal gempa susulan'],
        },
      ],
    },
    {
      tags: ['IKN'],
      weight: 3,
      roles: ['Kepala Otorita IKN', 'Deputi Bidang Sarana dan Prasarana Otorita IKN'],
      places: [
        { city: 'Balikpapan', province: 'Kalimantan Timur' },
        { city: 'Penajam', province: 'Kalimantan Timur' },
      ],
      stories: [
        {
          headlines: ['Pembangunan Tahap Lanjutan IKN Dikebut, {big} Pekerja Dikerahkan'],
          ledes: ['Otorita Ibu Kota Nusantara (IKN) mempercepat pembangunan tahap lanjutan di kawasan inti pusat pemerintahan.'],
          facts: ['Sebanyak {big} pekerja dikerahkan untuk mengejar target penyelesaian gedung perkantoran.'],
        },
        {
          headlines: ['Otorita IKN Tawarkan {n} Proyek kepada Investor Swasta'],
          ledes: ['Otorita Ibu Kota Nusantara (IKN) menawarkan {n} proyek kepada investor swasta, mulai dari perumahan hingga fasilitas kesehatan.'],
          facts: ['Investor dari dalam dan luar negeri disebut telah menyatakan minat.'],
        },
        {
          headlines: ['Jalan Tol Menuju IKN Ditargetkan Rampung Akhir Tahun'],
          ledes: ['Pembangunan jalan tol yang menghubungkan Balikpapan dengan kawasan Ibu Kota Nusantara ditargetkan rampung akhir tahun.'],
          facts: ['Akses jalan tol dari Balikpapan akan memangkas waktu tempuh secara signifikan.'],
        },
      ],
      facts: ['{role} {official} menyampaikan hal itu saat meninjau lokasi proyek.'],
      captions: [
        'Pekerja menyelesaikan pembangunan gedung di kawasan inti pusat pemerintahan IKN.',
        'Suasana kawasan Ibu Kota Nusantara di Kalimantan Timur.',
      ],
      quotes: ['Kami pastikan pembangunan berjalan sesuai jadwal dan tetap memperhatikan lingkungan'],
    },
    {
      tags: ['Jakarta', 'Transportasi Umum'],
      weight: 4,
      roles: ['Kepala Dinas Perhubungan DKI Jakarta', 'Direktur Utama Transjakarta'],
      places: [JAKARTA],
      stories: [
        {
          headlines: ['Transjakarta Buka {n} Rute Baru Menuju Kawasan Penyangga', 'Warga Bodetabek Kini Bisa Naik Transjakarta lewat {n} Rute Baru'],
          ledes: ['Pemerintah Provinsi DKI Jakarta menambah {n} rute baru layanan Transjakarta yang menghubungkan Jakarta dengan kawasan penyangga.'],
          facts: ['Tarif rute baru tetap Rp 3.500 per perjalanan.', 'Armada bus listrik akan dioperasikan secara bertahap.'],
        },
        {
          headlines: ['Pemprov DKI Jakarta Uji Coba Ganjil Genap di {n} Ruas Jalan Baru'],
          ledes: ['Dinas Perhubungan DKI Jakarta mulai menguji coba perluasan kebijakan ganjil genap pada {when}.'],
          facts: [
            'Petugas gabungan disiagakan di sejumlah persimpangan untuk mengatur lalu lintas.',
            'Selama uji coba, pelanggar belum dikenai sanksi tilang.',
          ],
        },
        {
          headlines: ['Jumlah Penumpang MRT Jakarta Tembus {n2}0 Ribu Orang per Hari'],
          ledes: ['Jumlah penumpang MRT Jakarta terus meningkat dan kini menembus {n2}0 ribu orang per hari.'],
          facts: ['Lonjakan penumpang terjadi pada jam berangkat dan pulang kerja.'],
        },
      ],
      facts: ['{role} {official} mengatakan evaluasi dilakukan setelah dua pekan berjalan.'],
      captions: ['Penumpang menunggu bus Transjakarta di halte di Jakarta.', 'Kendaraan terjebak kemacetan di salah satu ruas jalan di Jakarta.'],
      quotes: ['Kami ingin warga beralih ke transportasi umum karena lebih murah dan tepat waktu'],
    },
    {
      tags: ['Jawa Barat', 'Sumatera Utara', 'Sulawesi Selatan'],
      weight: 5,
      roles: ['Wali Kota {city}', 'Kepala Dinas Pekerjaan Umum {province}'],
      stories: [
        {
          headlines: [
            'Jalan Rusak di {regency} Mulai Diperbaiki, Warga Sambut Gembira',
            'Pemprov {province} Siapkan Rp {n2}0 Miliar untuk Perbaikan Jalan Desa',
          ],
          ledes: ['Pemerintah daerah mulai memperbaiki ruas jalan rusak sepanjang {n} kilometer di {regency}.'],
          facts: [
            'Perbaikan dibiayai dari anggaran daerah dan dana alokasi khusus.',
            'Warga sebelumnya mengeluhkan jalan berlubang yang kerap memicu kecelakaan.',
          ],
          quotes: ['Jalan ini urat nadi ekonomi warga, jadi harus segera beres'],
        },
        {
          headlines: ['Pemkot {city} Targetkan Renovasi {n} Pasar Tradisional Tahun Ini'],
          ledes: ['Pemerintah Kota {city} menargetkan renovasi {n} pasar tradisional rampung sebelum akhir tahun.'],
          facts: [
            'Pedagang akan dipindahkan sementara ke lokasi penampungan selama renovasi.',
            'Renovasi mencakup perbaikan atap, saluran air, dan area parkir.',
          ],
          quotes: ['Pedagang tidak akan dirugikan selama renovasi'],
        },
        {
          headlines: ['Distribusi Air Bersih Tersendat, Warga {city} Antre Jeriken'],
          ledes: ['Warga di sejumlah kelurahan di {city} mengeluhkan distribusi air bersih yang tersendat sejak sepekan terakhir.'],
          facts: ['Perusahaan daerah air minum mengerahkan mobil tangki ke permukiman terdampak.', 'Gangguan dipicu kerusakan pipa transmisi utama.'],
          quotes: ['Kami mohon maaf, perbaikan pipa dikebut siang dan malam'],
        },
      ],
      facts: ['{role} {official} meminta pelaksana proyek bekerja sesuai spesifikasi dan tepat waktu.'],
    },
    {
      tags: ['Bali', 'Papua', 'Kebakaran Hutan'],
      weight: 2,
      roles: ['Kepala Dinas Pariwisata {province}', 'Kepala BPBD {province}'],
      stories: [
        {
          headlines: ['Kunjungan Wisatawan ke {province} Naik {pct} Persen Selama Libur Panjang'],
          ledes: ['Jumlah wisatawan yang berkunjung ke {province} meningkat {pct} persen dibandingkan libur panjang sebelumnya.'],
          facts: ['Tingkat hunian hotel di kawasan wisata utama mencapai lebih dari 80 persen.'],
          quotes: ['Kami terus berkoordinasi agar pelayanan kepada wisatawan tetap maksimal'],
        },
        {
          headlines: ['Karhutla di {province} Meluas, Helikopter Pengebom Air Dikerahkan'],
          ledes: ['Kebakaran hutan dan lahan di {province} meluas hingga ratusan hektare dalam sepekan terakhir.'],
          facts: [
            'Petugas gabungan berupaya memadamkan titik api yang tersebar di beberapa kecamatan.',
            'Kualitas udara di sejumlah wilayah dilaporkan memburuk akibat asap.',
          ],
          quotes: ['Kami minta warga tidak membuka lahan dengan cara membakar'],
        },
      ],
    },
  ],
  sentences: [
    'Warga sekitar ikut bergotong royong membantu petugas di lapangan.',
    'Camat setempat memastikan kebutuhan dasar warga tercukupi.',
    'DPRD setempat meminta pemerintah daerah menyiapkan langkah jangka panjang.',
    'Aktivitas ekonomi warga perlahan kembali normal.',
    'Persoalan serupa pernah terjadi di wilayah yang sama dua tahun lalu.',
    'Petugas kelurahan mendata warga yang membutuhkan bantuan.',
  ],
  subheads: ['Kondisi di Lapangan', 'Keluhan Warga', 'Langkah Pemerintah Daerah', 'Antisipasi ke Depan'],
  captions: [
    'Warga melintas di jalan utama {city}.',
    'Petugas berjaga di lokasi kejadian di {regency}.',
    'Suasana pasar tradisional di {city}.',
    'Pekerja menyelesaikan proyek perbaikan jalan di {regency}.',
  ],
};
