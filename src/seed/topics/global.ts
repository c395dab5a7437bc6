import type { SectionText } from './types';

export const GLOBAL: SectionText = {
  places: 'foreign',
  field: 'hubungan internasional',
  common: ['general', 'policy'],
  topics: [
    {
      tags: ['Timur Tengah', 'PBB'],
      weight: 5,
      roles: ['Juru Bicara Kementerian Luar Negeri RI', 'Duta Besar RI untuk {province}'],
      places: [
        { city: 'Kairo', province: 'Mesir' },
        { city: 'Riyadh', province: 'Arab Saudi' },
        { city: 'Jenewa', province: 'Swiss' },
        { city: 'New York', province: 'Amerika Serikat' },
      ],
      stories: [
        {
          headlines: [
            'Indonesia Desak Gencatan Senjata Permanen di Timur Tengah',
            'Dewan Keamanan PBB Gelar Sidang Darurat Bahas Krisis Kemanusiaan',
          ],
          ledes: ['Pemerintah Indonesia kembali mendesak gencatan senjata permanen dan pembukaan akses bantuan kemanusiaan di Timur Tengah.'],
          facts: [
            'Sejumlah negara anggota mengusulkan resolusi baru untuk menjamin perlindungan warga sipil.',
            'Badan-badan PBB memperingatkan ancaman kelaparan jika bantuan tidak segera masuk.',
          ],
        },
        {
          headlines: ['Bantuan Kemanusiaan dari Indonesia Tiba di Perbatasan'],
          ledes: ['Bantuan kemanusiaan dari Indonesia berupa bahan makanan dan obat-obatan tiba di perbatasan dan menunggu izin masuk.'],
          facts: [
            'Sedikitnya {n} truk bantuan berisi bahan makanan dan obat-obatan tertahan di perbatasan.',
            'Bantuan tersebut dihimpun dari pemerintah dan lembaga kemanusiaan di Tanah Air.',
          ],
        },
      ],
      facts: ['{role} {official} menyebut Indonesia terus berkomunikasi dengan negara-negara di kawasan.'],
      captions: ['Truk bantuan kemanusiaan mengantre di perbatasan.', 'Suasana sidang Dewan Keamanan PBB di New York.'],
      quotes: ['Perlindungan warga sipil harus menjadi prioritas semua pihak', 'Indonesia siap mengirim bantuan tambahan begitu akses dibuka'],
    },
    {
      tags: ['ASEAN'],
      weight: 4,
      roles: ['Menteri Luar Negeri RI', 'Direktur Jenderal Kerja Sama ASEAN'],
      places: [
        { city: 'Kuala Lumpur', province: 'Malaysia' },
        { city: 'Singapura', province: 'Singapura' },
        { city: 'Bangkok', province: 'Thailand' },
        { city: 'Manila', province: 'Filipina' },
        { city: 'Hanoi', province: 'Vietnam' },
      ],
      stories: [
        {
          headlines: ['Menlu ASEAN Bertemu di {city}, Bahas Keamanan Laut China Selatan'],
          ledes: ['Para menteri luar negeri negara anggota ASEAN bertemu di {city} untuk membahas situasi keamanan kawasan.'],
          facts: [
            'Pertemuan juga membahas penanganan perdagangan orang dan kejahatan lintas negara.',
            '{role} {official} menekankan pentingnya kode etik Laut China Selatan yang mengikat secara hukum.',
          ],
          quotes: ['Kawasan yang damai dan stabil adalah syarat utama bagi pertumbuhan ekonomi kita bersama'],
        },
        {
          headlines: ['ASEAN Sepakati Peta Jalan Integrasi Ekonomi Digital Kawasan', 'Indonesia Dorong Kerja Sama Pangan di Kawasan ASEAN'],
          ledes: [
            'Negara-negara ASEAN menyepakati peta jalan integrasi ekonomi digital dan ketahanan pangan dalam pertemuan tingkat menteri di {city}.',
          ],
          facts: [
            'Nilai ekonomi digital kawasan diperkirakan terus tumbuh dalam lima tahun ke depan.',
            'Indonesia mengusulkan cadangan pangan bersama untuk menghadapi krisis.',
          ],
          quotes: ['Integrasi ini harus memberi manfaat nyata bagi pelaku usaha kecil di kawasan'],
        },
      ],
    },
    {
      tags: ['Amerika Serikat', 'China', 'Perang Dagang'],
      weight: 4,
      roles: ['Menteri Perdagangan RI', 'Duta Besar RI untuk {province}'],
      places: [
        { city: 'Washington', province: 'Amerika Serikat' },
        { city: 'Beijing', province: 'China' },
        { city: 'New York', province: 'Amerika Serikat' },
      ],
      stories: [
        {
          headlines: ['Amerika Serikat Naikkan Tarif Impor, China Siapkan Balasan', 'Indonesia Cermati Dampak Kebijakan Tarif Baru Amerika Serikat'],
          ledes: [
            'Pemerintah Amerika Serikat mengumumkan kenaikan tarif impor untuk sejumlah produk, yang langsung dibalas ancaman serupa dari China.',
          ],
          facts: [
            'Produk baja, panel surya, dan kendaraan listrik termasuk yang terdampak kebijakan tarif.',
            'Bursa saham di kawasan Asia dibuka melemah menyusul pengumuman tersebut.',
            'Kedua negara dijadwalkan kembali berunding dalam beberapa pekan mendatang.',
          ],
          quotes: ['Dalam perang dagang tidak ada pemenang, yang ada hanya pihak yang paling sedikit dirugikan'],
        },
        {
          headlines: ['Pertumbuhan Ekonomi China Melambat, Ekspor Indonesia Ikut Tertekan'],
          ledes: ['Pertumbuhan ekonomi China melambat menjadi {pct} persen, di bawah perkiraan para analis.'],
          facts: [
            'China merupakan tujuan ekspor terbesar Indonesia, terutama untuk batu bara dan nikel.',
            'Permintaan domestik China yang lemah menekan harga sejumlah komoditas.',
          ],
          quotes: ['Kita perlu memperluas pasar ekspor ke negara-negara nontradisional'],
        },
      ],
      facts: ['{role} {official} menilai Indonesia perlu menyiapkan langkah antisipasi.'],
    },
    {
      tags: ['Perubahan Iklim', 'PBB'],
      weight: 2,
      roles: ['Utusan Khusus Presiden untuk Perubahan Iklim'],
      places: [
        { city: 'Jenewa', province: 'Swiss' },
        { city: 'Berlin', province: 'Jerman' },
        { city: 'Kairo', province: 'Mesir' },
      ],
      stories: [
        {
          headlines: ['KTT Iklim PBB Dibuka, Negara Berkembang Tagih Komitmen Pendanaan'],
          ledes: ['Konferensi Perubahan Iklim PBB dibuka di {city} dengan tuntutan negara berkembang agar negara maju menepati janji pendanaan.'],
          facts: [
            'Indonesia membawa agenda transisi energi dan perlindungan hutan tropis.',
            'Dana yang dijanjikan untuk adaptasi iklim dinilai masih jauh dari kebutuhan.',
          ],
        },
        {
          headlines: ['Suhu Rata-rata Global Kembali Pecahkan Rekor Tahun Ini'],
          ledes: ['Badan meteorologi dunia melaporkan suhu rata-rata global kembali memecahkan rekor tertinggi.'],
          facts: ['Para ilmuwan memperingatkan dampak cuaca ekstrem yang makin sering terjadi.'],
        },
      ],
      quotes: ['Negara berkembang tidak bisa menanggung beban transisi energi sendirian'],
    },
    {
      tags: ['WNI di Luar Negeri'],
      weight: 2,
      roles: ['Direktur Pelindungan WNI Kementerian Luar Negeri', 'Duta Besar RI untuk {province}'],
      stories: [
        {
          headlines: ['KBRI Pastikan WNI di {province} dalam Keadaan Aman', 'Pemerintah Pulangkan {big} WNI dari {province}'],
          ledes: ['Kedutaan Besar Republik Indonesia (KBRI) di {city} memastikan warga negara Indonesia di {province} dalam keadaan aman.'],
          facts: [
            'KBRI membuka layanan pengaduan yang dapat dihubungi selama 24 jam.',
            'WNI diimbau melapor diri melalui aplikasi Peduli WNI.',
            'Sebagian besar WNI di negara tersebut bekerja sebagai pekerja migran dan mahasiswa.',
          ],
          quotes: ['Keselamatan WNI adalah prioritas utama kami'],
        },
      ],
    },
  ],
  sentences: [
    'Kantor berita internasional melaporkan perkembangan itu mengutip sumber pemerintah setempat.',
    'Sejumlah negara telah mengeluarkan imbauan perjalanan bagi warganya.',
    'Pasar keuangan global bereaksi cepat terhadap kabar tersebut.',
    'Pertemuan lanjutan dijadwalkan berlangsung di sela Sidang Majelis Umum PBB.',
    'Indonesia menegaskan sikapnya yang konsisten mendukung penyelesaian damai.',
    'Situasi di lapangan dilaporkan masih berubah dengan cepat.',
  ],
  subheads: ['Sikap Indonesia', 'Reaksi Internasional', 'Dampak bagi Kawasan', 'Jalur Diplomasi'],
  captions: [
    'Suasana pertemuan tingkat menteri di {city}.',
    'Delegasi Indonesia menghadiri sidang di {city}.',
    'Warga beraktivitas di pusat kota {city}, {province}.',
  ],
};
