"""The words of the synthetic offices (:mod:`lkjip.batch.sintetis`): invented places and names,
the pool of indicators, and the office's texts (organisation, Renstra, narasi). All made up."""

from __future__ import annotations

import random
from typing import Any

TEMPAT_AWAL = ["Tanjung", "Bukit", "Sungai", "Teluk", "Muara", "Batu", "Kuala", "Pulau"]
TEMPAT_AKHIR = ["Rekaan", "Andaian", "Contohan", "Khayalan", "Misalan", "Ibarat", "Umpama", "Seolah",
                "Kiranya", "Anggapan"]
WILAYAH = ["Kantor Wilayah Sintetis Utara", "Kantor Wilayah Sintetis Selatan", "Kantor Wilayah Sintetis Tengah"]
KELAS = ["Kelas I TPI", "Kelas II TPI", "Kelas II Non TPI", "Kelas III Non TPI"]
NAMA_DEPAN = {"L": ["Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Joko", "Rudi", "Teguh", "Yusuf"],
              "P": ["Ani", "Dewi", "Indah", "Lestari", "Maya", "Nur", "Ratna", "Sari", "Wulan", "Yanti"]}
NAMA_BELAKANG = ["Pratama", "Santoso", "Wibowo", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Rahayu",
                 "Permana", "Nugroho"]

SASARAN = {
    "penegakan_hukum": "Meningkatnya Penegakan Hukum Keimigrasian di Wilayah",
    "layanan": "Meningkatnya Kualitas Layanan Keimigrasian",
    "reformasi_birokrasi": "Meningkatnya Pelaksanaan Reformasi Birokrasi",
}

# the pool of indicators: what indikator.csv says, and how the base facts are drawn
# (rate: pembilang / penyebut drawn between these; jumlah: the penyebut's range; wajib: in every
# office's PK; nihil: the chance of a year with nothing to handle, 0 of 0)
INDIKATOR: dict[str, dict[str, Any]] = {
    "pro_yustisia": dict(
        sasaran="penegakan_hukum", nama="Persentase Penegakan Hukum Pro Yustisia yang Ditangani",
        satuan="persen", polaritas="positif", target=90, renstra=90, jenis="rasio",
        pembilang="kasus yang ditindaklanjuti", penyebut="kasus yang ditangani", rate=(0.7, 1.0), jumlah=(1, 6),
        nihil=0.4),
    "tindakan_administratif": dict(
        sasaran="penegakan_hukum", nama="Persentase Tindakan Administratif Keimigrasian yang Ditangani",
        satuan="persen", polaritas="positif", target=90, renstra=90, jenis="rasio",
        pembilang="tindakan yang ditindaklanjuti", penyebut="tindakan yang ditangani", rate=(0.8, 1.0),
        jumlah=(10, 80), rincian={"deportasi": "Deportasi", "denda": "Biaya Beban"},
        rincian_kata="jenis tindakan"),
    "layanan": dict(
        sasaran="layanan",
        nama="Rasio Layanan Keimigrasian yang Diselesaikan terhadap Permohonan Layanan yang Diterima",
        satuan="persen", polaritas="positif", target=90, renstra=90, jenis="rasio",
        pembilang="permohonan yang diselesaikan", penyebut="permohonan yang diterima", rate=(0.85, 0.99),
        jumlah=(2000, 40000), rincian={"paspor": "Paspor", "izin_tinggal": "Izin Tinggal"},
        rincian_kata="jenis layanan", wajib=True),
    "pengaduan_tidak_selesai": dict(
        sasaran="layanan", nama="Persentase Pengaduan Layanan yang Tidak Diselesaikan", satuan="persen",
        polaritas="negatif", target=5, renstra=5, jenis="rasio", pembilang="pengaduan yang tidak diselesaikan",
        penyebut="pengaduan yang diterima", rate=(0.0, 0.09), jumlah=(20, 120)),
    "ikm": dict(
        sasaran="layanan", nama="Indeks Kepuasan Masyarakat terhadap Layanan Keimigrasian", satuan="indeks",
        polaritas="positif", target=3.3, renstra=3.3, jenis="indeks_survei"),
    "rencana_aksi_rb": dict(
        sasaran="reformasi_birokrasi", nama="Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi",
        satuan="persen", polaritas="positif", target=100, renstra=100, jenis="rencana_aksi",
        pembilang="rencana aksi yang terlaksana", penyebut="rencana aksi yang ditetapkan", rate=(0.85, 1.0),
        jumlah=(40, 120)),
    "kehadiran": dict(
        sasaran="reformasi_birokrasi", nama="Persentase Kehadiran Pegawai", satuan="persen", polaritas="rentang",
        target=95, target_atas=100, jenis="rasio", pembilang="hari kehadiran", penyebut="hari kerja",
        rate=(0.92, 0.995), jumlah=(2000, 9000)),
    "indeks_kesekretariatan": dict(
        sasaran="reformasi_birokrasi", nama="Indeks Kepuasan Unit Kerja terhadap Layanan Kesekretariatan",
        satuan="indeks", polaritas="positif", target=3.1, renstra=3.1, jenis="indeks_survei"),
}

KALIMAT = {
    "faktor_keberhasilan": ["Petugas bekerja sesuai standar pelayanan.", "Antrean daring memperlancar layanan.",
                            "Koordinasi dengan instansi di wilayah berjalan baik."],
    "kendala": ["Jaringan sering terputus pada jam sibuk.", "Jumlah petugas terbatas pada musim liburan."],
    "solusi": ["Menambah jaringan cadangan.", "Mengatur ulang jadwal petugas pada musim ramai."],
    "program_pendukung": ["Layanan antrean daring.", "Pengawasan rutin bersama instansi terkait."],
}


def narasi(r: random.Random, kode: list[str], sasaran: list[str]) -> dict[str, Any]:
    """The office's judgements (made up), bullets without numbers."""
    def some(kind: str) -> list[str]:
        return r.sample(KALIMAT[kind], r.randint(0, len(KALIMAT[kind])))

    return {
        "indikator": {k: {kind: some(kind) for kind in KALIMAT} for k in kode},
        "sasaran": {s: {"mitigasi_risiko": ["Memantau risiko layanan setiap bulan."]} for s in sasaran
                    if r.random() < 0.5},
        "isu_strategis": ["Permohonan layanan naik menjelang musim liburan."],
        "efisiensi": {"anggaran": ["Rapat dilakukan secara daring bila memungkinkan."], "sdm": [], "aset": []},
        "rekomendasi": ["Menambah loket pada musim liburan.", "Memperluas layanan antrean daring."],
        "strategi_anggaran": [],
        "penyebab_serapan": r.sample(["Sebagian pengadaan selesai di bawah pagu.",
                                      "Belanja pegawai lebih kecil dari rencana."], r.randint(0, 2)),
    }


def organisasi(nama: str) -> dict[str, Any]:
    return {"unit": [
        {"kode": "kantor", "nama": nama, "tugas": "Menjalankan tugas keimigrasian di wilayah kerjanya (rekaan).",
         "fungsi": ["Melayani dokumen perjalanan.", "Menjalankan pengawasan keimigrasian."]},
        {"kode": "tata_usaha", "nama": "Subbagian Tata Usaha", "tugas": "Mengelola administrasi dan keuangan."},
        {"kode": "layanan", "nama": "Seksi Layanan dan Pengawasan",
         "tugas": "Melayani permohonan dan mengawasi orang asing.",
         "subunit": [{"nama": "Subseksi Layanan", "tugas": "Melayani permohonan dokumen perjalanan."}]},
    ]}


def renstra(year: int) -> dict[str, Any]:
    start = year - (year - 2020) % 5
    return {
        "periode": f"{start}-{start + 4}", "dasar": "Rencana Strategis rekaan untuk kantor sintetis",
        "visi": "Layanan keimigrasian yang cepat, tertib, dan terpercaya",
        "misi": ["Memberikan layanan yang mudah dijangkau."], "tujuan": ["Meningkatnya kepuasan pengguna layanan."],
        "sasaran_strategis": [{"kode": "ss1", "uraian": "Layanan keimigrasian yang berkualitas"}],
        "tata_nilai": [{"nama": "RAPI", "kepanjangan": "Ramah, Akuntabel, Profesional, Integritas",
                        "uraian": "Nilai kerja kantor rekaan."}],
        "program": ["Penegakan dan Pelayanan Hukum", "Dukungan Manajemen"],
    }
