//! Vietnamese names, written without diacritics as records in England mostly write them.
//!
//! Vietnamese family names really are concentrated: Nguyen is borne by about 38% of people,
//! Tran 11%, Le 9.5%, Pham 7%; the fourteen commonest cover about 90%. So two people called
//! `NGUYEN Van Minh` are common, and the simulator should make them so. The name is family
//! name, middle name, given name; the middle name is nearly always present (`Van` for many men,
//! `Thi` for most women of older generations).

use super::model::{Cohort, Given, Surnames, Tradition};

const LISTED: &str = "
Nguyen Tran Le Pham Phan Hoang Vu Dang Huynh Bui Vo Do Ho Ngo Duong Ly Truong Dinh Lam Mai
Luong Trinh Dao Doan Cao Ha Kieu Lai Luu Mac Ta Thai Tang Vuong Chu Khuc Quach Phung Tieu Trieu
La Ton Au Banh Bach Chau Dam Diep Giang Han Hua Khong Lac Lo Nghiem Ong Phi Quan Tong Thach
Thieu Vi Xa Nong Tu Kha Chung Am Cu Khuat Lang Lieu Lu Man Nhu Ninh Sam Tan Than Tiet Trac
Uong Vien
";

const CURVE: &[(u32, f64)] = &[
    (1, 384_000.0),
    (2, 110_000.0),
    (3, 95_000.0),
    (4, 71_000.0),
    (5, 45_000.0),
    (6, 31_000.0),
    (7, 24_000.0),
    (8, 21_000.0),
    (10, 20_000.0),
    (11, 15_000.0),
    (14, 13_000.0),
    (15, 10_000.0),
    (16, 5_000.0),
    (30, 1_500.0),
    (90, 200.0),
];

const SURNAMES: Surnames = Surnames {
    listed: &[LISTED],
    curve: CURVE,
    generated: None,
    rarest: None,
    personal_male: &[],
    personal_female: &[],
};

const MALE: Given = Given {
    cohorts: &[Cohort {
        born_before: i32::MAX,
        names: "Minh Tuan Hung Duc Quang Thanh Long Nam Hieu Khanh Dung Hai Hoang Huy Phong Son
            Thang Trung Vinh Anh Bao Binh Cuong Dat Hau Khoa Kien Loc Luan Manh Nghia Phuc Quan
            Tai Tam Thien Thinh Tien Toan Tri Tu Viet Vu Thuan Tho Dai Hiep Hoa Lam Phat Sang Tan
            Tuong",
        coverage: 0.88,
        top: 0.05,
    }],
    rare: "An Chien Cong Danh Dinh Giang Hao Hoan Khai Khang Khiem Lap Lien Linh Long Nhan Nhat
        Ninh Phu Quoc Quy Sinh Tiep Trong Truong Tuyen Uy Van Vuong Xuan Y",
    middle_rate: 0.95,
    middles: "Van Duc Minh Quoc Huu Thanh Cong Dinh Xuan Hoang Ngoc Tien Tuan Quang Manh",
    middle_top: 0.4,
    middle_from_forenames: 0.0,
};

const FEMALE: Given = Given {
    cohorts: &[Cohort {
        born_before: i32::MAX,
        names: "Lan Linh Huong Mai Thu Trang Ngoc Hoa Anh Hang Hanh Hien Hong Hue Lien Loan Ly My
            Nga Nhung Oanh Phuong Quyen Tam Thao Thuy Trinh Tuyet Van Vy Yen Nhi Ngan Diep Dung
            Giang Ha Khanh Kim Quynh Tien Uyen Xuan Chi Dao Duyen Hau Hoai Huyen",
        coverage: 0.88,
        top: 0.05,
    }],
    rare: "Ai Bich Cam Dieu Hai Hanh Hoang Khue Lam Le Luyen Nguyet Nhan Nhu Phi Sa Suong Thanh
        Thoa Thom Tram Tu Uyen Vi Xuyen",
    middle_rate: 0.95,
    middles: "Thi Ngoc Thu Thanh Kim Bich Hong Phuong Thuy Minh Hoai Mai Anh Quynh Khanh",
    middle_top: 0.55,
    middle_from_forenames: 0.0,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "vietnamese",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
