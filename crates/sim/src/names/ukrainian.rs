//! Ukrainian names, in the Latin spelling of Ukrainian passports: surnames on the frequency
//! curve of Ukraine's population (Melnyk and Shevchenko, the commonest, each about 0.3%; the
//! hundredth about 0.05%), and forenames of the generations who have come to England, many of
//! them since 2022.
//!
//! Ukrainian surnames are mostly built: a father's name or a trade with `-enko` (Kovalenko,
//! Petrenko), `-chuk`/`-iuk` (Kovalchuk, Martyniuk), `-yshyn`, `-ets`; adjectival ones in
//! `-skyi` take `-ska` for women. The long tail is built that way.

use super::model::{Cohort, Given, Surnames, Tradition, stems_with_suffixes};

const LISTED: &str = "
Melnyk Shevchenko Kovalenko Bondarenko Boiko Tkachenko Kravchenko Kovalchuk Koval Oliinyk
Shevchuk Polishchuk Bondar Tkachuk Marchenko Rudenko Savchenko Lysenko Petrenko Moroz Kravchuk
Klymenko Pavlenko Kuzmenko Ponomarenko Kharchenko Levchenko Karpenko Vasylenko Yakovenko
Nazarenko Panchenko Ostapenko Hrytsenko Demchenko Zinchenko Fedorenko Yurchenko Romanenko Mazur
Humeniuk Hnatiuk Savchuk Martyniuk Stepaniuk Kostiuk Ostapchuk Romaniuk Vasylchuk Fedoruk
Kushnir Kravets Lytvyn Lytvynenko Sydorenko Shapoval Honchar Honcharenko Kovalevskyi Tymoshenko
Tymchuk Zhuk Holub Vovk Kozak Kozachenko Ivanenko Ivashchenko Bilyk Hordiienko Dovhan Dziuba
Fedorchuk Havryliuk Ilchenko Khomenko Kyrylenko Lukianenko Mykhailenko Nesterenko Prokopenko
Prykhodko Rybak Semeniuk Serhiienko Sydorchuk Tarasenko Vlasenko Voloshyn Yaremchuk Zakharchenko
Zaiets Zhuravel Andriienko Antonenko Babenko Bondarchuk Danylenko Diachenko Kolesnyk Kononenko
Korol Kostenko Levytskyi Makarenko Matviienko Onyshchenko Pasichnyk Pylypenko Radchenko
Reshetnyk Shvets Skoryk Stetsenko Symonenko Teslenko Tkach Yatsenko Zaporozhets
";

const CURVE: &[(u32, f64)] = &[
    (1, 3_000.0),
    (2, 2_800.0),
    (5, 2_300.0),
    (10, 1_900.0),
    (20, 1_500.0),
    (50, 900.0),
    (100, 550.0),
    (300, 200.0),
    (1_000, 60.0),
];

const ROOTS: &str = "
Petr: enko uk ychenko
Ivan: ets ychuk yshyn iv
Vasyl: yshyn kiv iuk
Pavl: iuk ychenko ovskyi
Yakov: chuk
Nazar: chuk uk
Ostap: iuk
Fedor: ak yshyn
Hryts: ai ak iuk
Yur: chuk kiv ko
Roman: yshyn iv
Stepan: enko ets yshyn
Mykhail: iuk ychenko
Martyn: enko ets
Kost: iv ychenko
Dem: chuk ianchuk
Zin: chuk
Sydor: ak iak
Hnat: enko yshyn
Karp: iuk
Lev: chuk
Ponomar: chuk
March: uk yshyn
Klym: chuk iuk
Kuzm: ych iuk
Semen: ko chuk
Tym: chenko
Danyl: iuk chuk
Andri: ichuk ishyn iv
Serhi: ichuk
Koval: skyi ets iv yshyn
Melnych: enko uk
Honchar: uk ov
Kushnir: enko chuk
Rybal: ko chenko
Lytvyn: chuk ets
Moroz: enko iuk
Holub: enko
Vovch: enko uk
Zhuk: ovskyi
Sokol: enko ovskyi iuk
Dub: enko ovyk ovskyi
Yarem: enko ko
Prokop: chuk iv
Pylyp: chuk iv
Taras: iuk ov
Makar: chuk
Matvi: ichuk iiv
Onyshch: uk
Radch: uk
Tesl: iuk
Yats: yk iuk
Vlas: iuk ov
Zakhar: chuk
Bab: iuk ych
Anton: iuk yshyn
Kyryl: iuk
Lukian: chuk
Nester: uk
Horb: enko atiuk
Hrab: ovskyi
Zavad: skyi
Lisov: skyi
Horodet: skyi
Kotsiub: a
Kolesn: ychenko
Reshetn: iak
Chorn: ovol yi
Bil: ous
Sir: enko yk
Berez: a iuk ovskyi
Dovh: aliuk
Kozach: uk ok
Kulyk: -
Shpak: -
Slobod: ian iuk
Pop: ovych enko
Stefan: yshyn iuk
Mykyt: yn iuk enko
Vakul: enko
Havryl: enko yshyn
Yevtush: enko
Ostrov: skyi
Potap: enko chuk
Kravch: enko
Shvach: ko
Tkachyk: -
Hlushch: enko
Ruban: -
Dmytr: enko iuk ashko
Oleksi: ienko iuk
Bohdan: enko iuk ovych
Yakym: enko iuk
Luts: enko iuk
Vorob: iov
Hrebeni: uk
Holovat: iuk
Kryvor: uchko
Zelen: skyi
Chumak: -
Maksym: enko iuk
Ruden: chuk
Skrypn: yk ychenko
Sav: yshyn enko
";

/// Forename and trade roots that take `-enko`, `-chuk` (after `l`, `n`, `r`; `-iuk` after
/// other consonants), `-yshyn` and `-ets`: Petrenko, Petriuk, Petryshyn, Petrets.
const PRODUCTIVE_ROOTS: &str = "
Antin Bab Bil Bond Borys Dan Dem Dmytr Dov Fed Fil Hav Hlib Hnat Hol Hord Horb Hryts Ihnat Ivan
Kharyton Klym Kost Koval Kuz Lev Lukian Lys Makar Mar Mart Matv Melen Mykyt Naz Nest Omel Onysh
Ost Pan Pavl Petr Pylyp Prok Rad Rom Rud Sav Semen Serh Sid Step Tkach Trokhym Tym Vas Vakul Vlas
Yakym Yar Yur Zakh Zin Kolod Hon Myron Ostap Denys Lazar Luk Maksym Mykhal Oleks Pankrat Prots
Roman Sydor Tymish Ustym Yosyp
";

/// Roots of places and features that take `-skyi` (`-ska` for women): Zavadskyi, Lisovskyi.
const PLACE_ROOTS: &str = "
Zavad Lisov Horodet Kovalev Bilet Dubov Berez Hrab Kozlov Levyt Sokolov Ostrov Zelen Kamin
Vyshnev Horbov Dobrov Zhytom Sosnov Bilohor Vysot Zabolot Lozov Ternov Krasov Pidhir Ozer Bystr
";

fn generated() -> Vec<String> {
    let mut out = stems_with_suffixes(ROOTS);
    for root in PRODUCTIVE_ROOTS.split_whitespace() {
        let chuk = if ["l", "n", "r"].iter().any(|e| root.ends_with(e)) {
            "chuk"
        } else {
            "iuk"
        };
        for suffix in ["enko", chuk, "yshyn", "ets"] {
            // Not `-ets` after a sibilant: Lysets and Protsets are not names.
            if suffix == "ets" && (root.ends_with('s') || root.ends_with("sh")) {
                continue;
            }
            out.push(format!("{root}{suffix}"));
        }
    }
    for root in PLACE_ROOTS.split_whitespace() {
        out.push(format!("{root}skyi"));
    }
    out
}

const SURNAMES: Surnames = Surnames {
    listed: &[LISTED],
    curve: CURVE,
    generated: Some(generated),
    rarest: None,
    personal_male: &[],
    personal_female: &[],
};

const MALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Oleksandr Serhii Volodymyr Mykola Viktor Yurii Vasyl Ivan Andrii Ihor Petro
                Anatolii Oleh Mykhailo Valerii Vitalii Hryhorii Leonid Stepan Bohdan Yaroslav
                Taras Roman Oleksii Pavlo Vadym Dmytro Yevhen Ruslan",
            coverage: 0.85,
            top: 0.08,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Oleksandr Andrii Dmytro Serhii Maksym Artem Denys Yevhen Vladyslav Oleh Ihor
                Roman Bohdan Taras Mykola Ivan Vitalii Yurii Ruslan Vadym Pavlo Nazar Kyrylo
                Danylo Mykhailo Illia Volodymyr Yaroslav Anton Rostyslav Matvii Tymofii Artur
                Vasyl Oleksii",
            coverage: 0.82,
            top: 0.07,
        },
    ],
    rare: "Arsenii Borys Fedir Heorhii Hennadii Herman Ivan Kostiantyn Lev Lukian Markiian
        Myroslav Oleksa Orest Ostap Platon Prokhor Sviatoslav Tykhon Valentyn Veniamin Viacheslav
        Volodymyr Yakiv Yosyp Yulian Zakhar",
    middle_rate: 0.15,
    middles: "Oleksandrovych Serhiiovych Volodymyrovych Mykolaiovych Viktorovych Ivanovych
        Vasylovych Petrovych Andriiovych Yuriiovych",
    middle_top: 0.15,
    middle_from_forenames: 0.0,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Olena Nataliia Iryna Tetiana Svitlana Liudmyla Oksana Halyna Valentyna Larysa
                Nadiia Liubov Mariia Hanna Kateryna Olha Alla Inna Tamara Viktoriia Yuliia Nina
                Zoia Raisa Vira Lidiia",
            coverage: 0.85,
            top: 0.08,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Anastasiia Yuliia Kateryna Olena Oksana Iryna Viktoriia Alina Daria Anna
                Mariia Sofiia Nataliia Tetiana Khrystyna Yana Diana Valeriia Karyna Polina
                Veronika Olha Yevheniia Svitlana Alona Liliia Marta Solomiia Zlata Vladyslava",
            coverage: 0.82,
            top: 0.07,
        },
    ],
    rare: "Antonina Bohdana Dariia Halyna Ivanna Kira Lesia Mariana Myroslava Nadiia Oleksandra
        Orysia Roksolana Snizhana Stefaniia Taisiia Uliana Vasylyna Vita Yaroslava Yelyzaveta
        Zoriana",
    middle_rate: 0.15,
    middles: "Oleksandrivna Serhiivna Volodymyrivna Mykolaivna Viktorivna Ivanivna Vasylivna
        Petrivna Andriivna Yuriivna",
    middle_top: 0.15,
    middle_from_forenames: 0.0,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "ukrainian",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
