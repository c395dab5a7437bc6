import { DOMESTIC_PLACES } from '../vocabulary';
import type { SectionText } from './types';

export const NASIONAL: SectionText = {
  places: 'jakarta',
  field: 'kebijakan publik',
  common: ['general', 'policy', 'local'],
  topics: [
    {
      tags: ['Pemilu 2029', 'DPR'],
      weight: 6,
      roles: ['Ketua KPU', 'anggota Bawaslu', 'Wakil Ketua Komisi II DPR'],
      stories: [
        {
          headlines: [
            'KPU Mulai Susun Tahapan Pemilu 2029, Anggaran Diusulkan Naik {pct} Persen',
            'KPU Usulkan Anggaran Pemilu 2029 Sebesar Rp {trillion} Triliun',
          ],
          ledes: ['Komisi Pemilihan Umum (KPU) mulai menyusun rancangan tahapan Pemilu 2029 dan mengusulkan anggaran sebesar Rp {trillion} triliun.'],
          facts: [
            'Anggaran tersebut naik {pct} persen dibandingkan pemilu sebelumnya dan akan dicairkan secara bertahap.',
            'Sebagian besar anggaran dialokasikan untuk honor petugas ad hoc di tempat pemungutan suara.',
            'Draf peraturan KPU tentang tahapan ditargetkan rampung sebelum akhir {year}.',
          ],
        },
        {
          headlines: ['DPR dan Pemerintah Sepakat Percepat Revisi Undang-Undang Pemilu', 'Ambang Batas Parlemen Kembali Jadi Perdebatan di Senayan'],
          ledes: [
            'Komisi II DPR dan pemerintah sepakat mempercepat pembahasan revisi Undang-Undang Pemilu dalam rapat kerja di Kompleks Parlemen, Senayan, Jakarta, {when}.',
          ],
          facts: [
            'Sejumlah fraksi meminta ambang batas parlemen dibahas terbuka dengan melibatkan masyarakat sipil.',
            'Pembahasan juga menyentuh sistem pemilu dan penataan daerah pemilihan.',
            'Panitia kerja ditargetkan menyelesaikan pembahasan dalam dua masa sidang.',
          ],
        },
        {
          headlines: [
            'Bawaslu Temukan {big} Data Pemilih Ganda di {province}',
            'Pemutakhiran Data Pemilih di {province} Temukan Ribuan Nama Bermasalah',
          ],
          ledes: ['Badan Pengawas Pemilu (Bawaslu) menemukan {big} data pemilih yang diduga ganda dalam pemutakhiran daftar pemilih di {province}.'],
          facts: [
            'Data ganda sebagian besar ditemukan di wilayah perkotaan dengan mobilitas penduduk tinggi.',
            'Bawaslu meminta KPU daerah melakukan pencocokan dan penelitian ulang.',
            'Warga dapat mengecek status pendaftarannya melalui laman resmi KPU.',
          ],
        },
      ],
      facts: [
        '{role} {official} mengatakan pemutakhiran data pemilih akan melibatkan pemerintah daerah hingga tingkat kelurahan.',
        'Menurut dia, rekapitulasi elektronik perlu diuji di sejumlah daerah sebelum diterapkan secara nasional.',
      ],
      quotes: [
        'Kami ingin setiap warga yang berhak memilih tercatat dengan benar, tidak boleh ada yang tertinggal',
        'Aturan mainnya harus jelas sejak awal supaya penyelenggara di daerah tidak kebingungan',
      ],
    },
    {
      tags: ['KPK'],
      weight: 5,
      roles: ['Juru Bicara KPK', 'Wakil Ketua KPK', 'Direktur Penyidikan KPK'],
      stories: [
        {
          headlines: [
            'KPK Tetapkan {n} Tersangka Baru Kasus Korupsi Proyek Jalan di {province}',
            'Kasus Korupsi Proyek Jalan di {province}, KPK Tahan {n} Tersangka',
          ],
          ledes: [
            'Komisi Pemberantasan Korupsi (KPK) menetapkan {n} tersangka baru dalam kasus dugaan korupsi proyek pembangunan jalan di {province}.',
          ],
          facts: [
            'Para tersangka langsung ditahan selama 20 hari pertama di Rumah Tahanan KPK.',
            'Kerugian negara dalam perkara ini ditaksir mencapai Rp {big} miliar.',
            'Salah satu tersangka berinisial {initials} merupakan pejabat pembuat komitmen proyek tersebut.',
          ],
        },
        {
          headlines: [
            'KPK Geledah Kantor Dinas Pekerjaan Umum di {city}, Sejumlah Dokumen Disita',
            'Penyidik KPK Sita Uang Tunai dalam Penggeledahan di {city}',
          ],
          ledes: ['Penyidik KPK menggeledah sejumlah ruangan di kantor pemerintah daerah di {city}, {when}, terkait dugaan suap perizinan.'],
          facts: [
            'Dalam penggeledahan itu, penyidik menyita dokumen, barang bukti elektronik, dan sejumlah uang tunai.',
            'Penggeledahan berlangsung sekitar enam jam dengan pengawalan aparat kepolisian.',
            'KPK belum mengumumkan pihak yang telah ditetapkan sebagai tersangka.',
          ],
        },
        {
          headlines: [
            'Mantan Kepala Dinas di {province} Divonis Enam Tahun Penjara',
            'Terbukti Terima Suap, Mantan Pejabat {province} Dihukum Enam Tahun',
          ],
          ledes: ['Majelis hakim Pengadilan Tindak Pidana Korupsi menjatuhkan vonis enam tahun penjara kepada mantan kepala dinas di {province}.'],
          facts: [
            'Majelis hakim menilai terdakwa terbukti menerima hadiah yang berkaitan dengan jabatannya.',
            'Terdakwa juga diwajibkan membayar uang pengganti sebesar Rp {big} juta.',
            'Vonis tersebut lebih ringan dari tuntutan jaksa, yakni delapan tahun penjara.',
          ],
        },
      ],
      facts: [
        '{role} {official} mengatakan KPK membuka peluang menjerat pihak lain apabila ditemukan bukti yang cukup.',
        'Perkara ini bermula dari laporan masyarakat yang diterima KPK tahun lalu.',
      ],
      captions: [
        'Petugas membawa koper berisi dokumen hasil penggeledahan di {city}.',
        'Suasana Gedung Merah Putih KPK di Jakarta.',
        'Tersangka mengenakan rompi tahanan seusai menjalani pemeriksaan di Jakarta.',
      ],
      quotes: [
        'Kami akan menelusuri aliran dana ini sampai tuntas, siapa pun yang terlibat',
        'Pemberantasan korupsi tidak boleh berhenti pada pelaku di lapangan',
      ],
    },
    {
      tags: ['Polri'],
      weight: 5,
      roles: ['Kepala Bidang Humas Polda {province}', 'Kasat Reskrim Polres {city}', 'Kapolres {city}'],
      // "Polda DKI Jakarta" does not exist (it is Polda Metro Jaya), so these stories stay outside the capital.
      places: DOMESTIC_PLACES,
      stories: [
        {
          headlines: ['Polisi Tangkap {n} Pelaku Pencurian Kendaraan Bermotor di {city}', 'Komplotan Pencuri Sepeda Motor di {city} Dibekuk Polisi'],
          ledes: ['Kepolisian menangkap {n} orang yang diduga terlibat pencurian kendaraan bermotor di sejumlah wilayah di {city}.'],
          facts: [
            'Dari tangan para pelaku, polisi menyita sepeda motor, telepon genggam, dan kunci palsu.',
            'Salah satu pelaku berinisial {initials} diketahui merupakan residivis dalam kasus serupa.',
            'Para pelaku biasanya beraksi pada dini hari di area parkir permukiman.',
          ],
        },
        {
          headlines: [
            'Polda {province} Bongkar Jaringan Penipuan Daring, Kerugian Korban Capai Rp {big} Juta',
            'Penipuan Berkedok Lowongan Kerja di {province} Terbongkar, {n} Orang Ditangkap',
          ],
          ledes: ['Polda {province} membongkar jaringan penipuan daring yang memanfaatkan aplikasi pesan instan untuk menjerat korban.'],
          facts: [
            'Para pelaku menawarkan pekerjaan paruh waktu dengan imbalan besar sebelum meminta korban mentransfer uang.',
            'Total kerugian para korban ditaksir mencapai Rp {big} juta.',
            'Polisi menelusuri aliran dana ke sejumlah rekening penampung.',
          ],
        },
      ],
      facts: [
        '{role} {official} mengimbau warga segera melapor apabila menemukan aktivitas mencurigakan.',
        'Para tersangka dijerat pasal berlapis dengan ancaman hukuman maksimal {n2} tahun penjara.',
        'Polisi masih memburu dua pelaku lain yang identitasnya telah dikantongi.',
      ],
      captions: [
        'Polisi menunjukkan barang bukti dalam konferensi pers di {city}.',
        'Para tersangka dihadirkan dalam jumpa pers di Mapolres {city}.',
      ],
      quotes: [
        'Kami tidak akan memberi ruang bagi pelaku kejahatan yang meresahkan masyarakat',
        'Masyarakat jangan mudah tergiur tawaran yang meminta transfer uang terlebih dahulu',
      ],
    },
    {
      tags: ['Pendidikan', 'Kabinet'],
      weight: 3,
      roles: ['Menteri Pendidikan Dasar dan Menengah', 'Kepala Dinas Pendidikan {province}'],
      stories: [
        {
          headlines: ['Pemerintah Siapkan Beasiswa untuk {big} Siswa dari Keluarga Prasejahtera'],
          ledes: ['Pemerintah menyiapkan program beasiswa bagi {big} siswa dari keluarga prasejahtera mulai tahun ajaran baru.'],
          facts: [
            'Bantuan diberikan langsung ke rekening siswa agar tidak dipotong pihak mana pun.',
            'Sekolah diminta memperbarui data siswa penerima secara berkala.',
          ],
          quotes: ['Tidak boleh ada anak yang putus sekolah hanya karena persoalan biaya'],
        },
        {
          headlines: ['Ratusan Ruang Kelas Rusak di {province} Akan Direhabilitasi Tahun Ini'],
          ledes: ['Pemerintah akan merehabilitasi ratusan ruang kelas yang rusak di {province} tahun ini.'],
          facts: ['Sebagian besar sekolah yang rusak berada di wilayah pedesaan.', 'Selama perbaikan, siswa akan belajar di ruang kelas sementara.'],
          quotes: ['Anak-anak harus belajar di ruang kelas yang aman'],
        },
        {
          headlines: ['Kurikulum Baru Mulai Diuji Coba di {n} Provinsi'],
          ledes: ['Kementerian Pendidikan Dasar dan Menengah mulai menguji coba kurikulum baru di {n} provinsi.'],
          facts: [
            'Guru di daerah terpencil mendapatkan pelatihan tambahan sebelum kurikulum diterapkan.',
            'Hasil uji coba akan menjadi bahan evaluasi sebelum diberlakukan secara nasional.',
          ],
          quotes: ['Guru adalah kunci, jadi pelatihan harus dilakukan sebelum kurikulum diterapkan'],
        },
      ],
      facts: ['{role} {official} menyampaikan hal itu dalam rapat bersama Komisi X DPR.'],
    },
    {
      tags: ['Kesehatan', 'Bansos'],
      weight: 3,
      roles: ['Menteri Kesehatan', 'Juru Bicara Kementerian Kesehatan'],
      stories: [
        {
          headlines: ['Kasus Demam Berdarah Meningkat, Kemenkes Minta Daerah Siaga', 'Kasus DBD Naik di {n} Provinsi, Warga Diminta Waspada'],
          ledes: ['Kementerian Kesehatan mencatat kenaikan kasus demam berdarah dengue di {n} provinsi dalam sebulan terakhir.'],
          facts: [
            '{role} {official} meminta pemerintah daerah menggencarkan gerakan pemberantasan sarang nyamuk.',
            'Puskesmas diminta menyiapkan stok cairan infus dan alat tes cepat.',
          ],
          quotes: ['Kami minta daerah tidak menunggu kasus melonjak baru bergerak'],
        },
        {
          headlines: [
            'Penyaluran Bansos Tahap Kedua Dimulai Pekan Ini, Sasar {n} Juta Keluarga',
            'Presiden Minta Penyaluran Bantuan Sosial Tepat Sasaran',
          ],
          ledes: ['Pemerintah mulai menyalurkan bantuan sosial tahap kedua kepada {n} juta keluarga penerima manfaat di seluruh Indonesia.'],
          facts: [
            'Penyaluran bantuan dilakukan melalui bank milik negara dan kantor pos.',
            'Warga yang belum terdaftar dapat mengajukan usulan melalui kelurahan setempat.',
          ],
          quotes: ['Datanya sudah kami perbarui supaya bantuan benar-benar sampai ke yang berhak'],
        },
      ],
    },
    {
      tags: ['Mahkamah Konstitusi', 'TNI', 'Mudik'],
      weight: 1,
      roles: ['Juru Bicara Mahkamah Konstitusi', 'Menteri Perhubungan'],
      stories: [
        {
          headlines: ['Mahkamah Konstitusi Tolak Uji Materi Undang-Undang Pemilu'],
          ledes: ['Mahkamah Konstitusi (MK) menolak permohonan uji materi terhadap sejumlah pasal dalam Undang-Undang Pemilu.'],
          facts: ['Putusan dibacakan dalam sidang terbuka untuk umum di Gedung MK, Jakarta.', 'Pemohon menyatakan menghormati putusan tersebut.'],
          quotes: ['Putusan ini final dan mengikat sejak dibacakan'],
        },
        {
          headlines: ['Pemerintah Siapkan Mudik Gratis untuk {big} Pemudik'],
          ledes: ['Pemerintah menyiapkan program mudik gratis bagi {big} pemudik dengan bus dan kapal laut.'],
          facts: ['Pendaftaran mudik gratis dibuka secara daring mulai pekan depan.', 'Prajurit TNI dilibatkan dalam pengamanan jalur mudik.'],
          quotes: ['Kami ingin perjalanan warga aman dan nyaman'],
        },
      ],
    },
  ],
  sentences: [
    'Presiden disebut telah memberikan arahan agar persoalan ini ditangani secara serius.',
    'Sejumlah anggota DPR dari lintas fraksi turut menyoroti persoalan tersebut.',
    'Kementerian terkait berjanji menyelesaikan aturan turunannya dalam waktu tiga bulan.',
    'Lembaga swadaya masyarakat meminta proses ini diawasi secara ketat.',
    'Rapat lanjutan dijadwalkan berlangsung di Jakarta pekan depan.',
    'Ombudsman RI juga menerima sejumlah laporan masyarakat terkait persoalan serupa.',
    'Pemerintah pusat akan menerbitkan surat edaran kepada seluruh kepala daerah.',
  ],
  subheads: ['Respons Pemerintah', 'Sorotan DPR', 'Langkah Selanjutnya', 'Pengawasan Diperketat', 'Tanggapan Masyarakat'],
  captions: [
    'Suasana rapat kerja di Kompleks Parlemen, Senayan, Jakarta.',
    'Petugas memberikan keterangan kepada wartawan di {city}.',
    'Warga mengikuti sosialisasi program pemerintah di {city}.',
    'Sejumlah pejabat menghadiri rapat koordinasi di Jakarta.',
  ],
};
