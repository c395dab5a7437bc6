import type { CommonPool } from './types';

// Sentences shared between sections: the connective tissue of Indonesian news writing
// (attributions, reactions, follow-ups) between the topical facts. They are grouped so that a
// football report never mentions a coordination meeting or a ministry's evaluation.

const GENERAL: readonly string[] = [
  'Informasi tersebut disampaikan dalam konferensi pers di {city}, {when}.',
  'Kabar tersebut sempat ramai dibicarakan warganet di media sosial sepanjang pekan ini.',
  'Saat ditanya lebih jauh, {official} enggan berkomentar panjang.',
  'Ia mengakui masih ada sejumlah kendala teknis yang perlu dibenahi.',
  'Menurut {official}, persiapan sudah dilakukan sejak beberapa bulan lalu.',
  'Ia juga mengucapkan terima kasih atas dukungan yang diberikan selama ini.',
  'Ia berharap capaian tersebut dapat dipertahankan ke depan.',
  'Hal itu disampaikan {official} kepada wartawan di {city}, {when}.',
];

const POLICY: readonly string[] = [
  'Ia menambahkan, evaluasi akan dilakukan secara berkala untuk memastikan program berjalan sesuai rencana.',
  'Langkah itu diambil setelah rapat koordinasi yang melibatkan sejumlah kementerian dan lembaga terkait.',
  'Sebelumnya, rencana serupa sempat dibahas, tetapi tertunda karena keterbatasan anggaran.',
  'Pengamat {field} dari {university}, {expert}, menilai langkah tersebut sudah tepat, tetapi pelaksanaannya perlu diawasi.',
  'Menurut {expert}, keberhasilan kebijakan ini sangat bergantung pada koordinasi antarlembaga.',
  'Data terbaru menunjukkan tren serupa terjadi di beberapa daerah lain dalam tiga bulan terakhir.',
  'Ia memastikan seluruh proses dilakukan secara transparan dan dapat dipertanggungjawabkan.',
  'Evaluasi menyeluruh dijadwalkan berlangsung pada akhir bulan ini.',
  'Dalam kesempatan yang sama, ia juga menyinggung pentingnya partisipasi masyarakat.',
  'Di sisi lain, sejumlah kalangan meminta agar pelaksanaannya tidak dilakukan terburu-buru.',
  'Target tersebut dinilai realistis apabila seluruh pihak mau bekerja sama.',
  'Keputusan akhir diperkirakan diumumkan dalam beberapa pekan ke depan.',
  'Ia meminta masyarakat tidak mudah percaya pada informasi yang belum terverifikasi.',
  'Menurut catatan Kabar, isu ini bukan kali pertama mencuat ke publik.',
  'Hasil kajian itu nantinya akan menjadi dasar penyusunan kebijakan tahun depan.',
  'Rencana tersebut juga akan disosialisasikan kepada masyarakat melalui kanal resmi.',
  'Sejauh ini, respons dari para pemangku kepentingan dinilai cukup positif.',
];

/** Lines about Indonesian residents and local government; not for stories datelined abroad. */
const LOCAL: readonly string[] = [
  'Sejumlah warga yang ditemui Kabar mengaku menyambut baik langkah tersebut.',
  '{resident} ({age}), warga {regency}, berharap pemerintah tidak berhenti pada janji.',
  'Pihaknya juga membuka posko pengaduan bagi masyarakat yang membutuhkan informasi lebih lanjut.',
  'Pemerintah daerah diminta segera menindaklanjuti arahan tersebut di lapangan.',
  'Pada periode yang sama tahun lalu, kondisinya dinilai jauh lebih buruk.',
];

export const COMMON_SENTENCES: Readonly<Record<CommonPool, readonly string[]>> = {
  general: GENERAL,
  policy: POLICY,
  local: LOCAL,
};

/** Sentences that close a story; at most one per article, always last. */
export const CLOSING_SENTENCES: readonly string[] = [
  'Hingga berita ini diturunkan, pihak terkait belum memberikan keterangan resmi.',
  'Kabar masih berupaya mengonfirmasi informasi tersebut kepada pihak-pihak terkait.',
  'Perkembangan lebih lanjut akan terus diperbarui.',
];

/** Frames for a quote paragraph; the first quote of a story introduces the speaker with a role. */
export const QUOTE_FRAMES_FIRST: readonly string[] = [
  '“{quote},” kata {role} {official} di {city}, {when}.',
  '“{quote},” ujar {role} {official} saat ditemui wartawan, {when}.',
  '“{quote},” tutur {role} {official}.',
];

export const QUOTE_FRAMES_LATER: readonly string[] = [
  '“{quote},” ujar {official}.',
  '“{quote},” tutur {official} kepada Kabar.',
  '“{quote},” kata {official} menambahkan.',
  'Ia melanjutkan, “{quote}.”',
];
