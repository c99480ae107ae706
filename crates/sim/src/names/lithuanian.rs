//! Lithuanian names: surnames on the frequency curve of Lithuania's population register
//! (Kazlauskas, the commonest, about 0.6%; the hundredth about 0.07%) and forenames of the
//! generations who have come to England.
//!
//! A Lithuanian surname has a man's form (`Kazlauskas`, `Stankevičius`, `Adomaitis`), a married
//! woman's (`Kazlauskienė`) and an unmarried woman's (`Kazlauskaitė`); the parent module's
//! `gendered_surname` makes them. Most are a Slavic or Lithuanian root with `-auskas`,
//! `-evičius`, `-aitis`, `-ūnas`, `-onis`, `-ulis`, `-elis`; the long tail is built that way.

use super::model::{Cohort, Given, Surnames, Tradition, stems_with_suffixes};

const LISTED: &str = "
Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas
Kavaliauskas Baranauskas Pocius Sakalauskas Navickas Ramanauskas Savickas Rimkus Žilinskas
Vaitkus Mikalauskas Adomaitis Kairys Mažeika Jonaitis Petraitis Stasiūnas Kazakevičius
Bagdonas Bernotas Grigas Kučinskas Šimkus Jakubauskas Valaitis Kubilius Marcinkevičius Noreika
Norkus Rutkauskas Černiauskas Dambrauskas Gudelis Juškevičius Kaminskas Lukauskas Mockus
Rudzinskas Sabaliauskas Tamošiūnas Urbonavičius Vaičiulis Venckus Zabiela Žemaitis Tamulis
Kundrotas Balčiūnas Lukoševičius Jasiūnas Gustas Šukys Vilkas Juodka Matulis Budrys Bartkus
Martinkus Jurkus Laurinaitis Vitkus Pranckevičius Ivanauskas Kriaučiūnas Masiulis Račkauskas
Stonkus Tamošauskas
Petrulis Žukas Stankus Jurevičius Lukošius Bružas Valiulis Vaškelis Juodis Aleksandravičius
Mačiulis Jasinskas Bielskis Gailius Dapkus Kuzmickas Kuzminskas Kalinauskas Sinkevičius Aleksa
Zakarevičius Miliauskas Butkevičius Misevičius Rakauskas Sereika Šidlauskas Vaitkevičius
Jankūnas Kazakauskas Mikulis Pilipavičius Vyšniauskas Bartkevičius Ambrazas Leonavičius
";

const CURVE: &[(u32, f64)] = &[
    (1, 6_000.0),
    (2, 4_800.0),
    (3, 4_600.0),
    (5, 4_000.0),
    (10, 3_200.0),
    (20, 2_000.0),
    (50, 1_200.0),
    (100, 700.0),
    (300, 250.0),
    (1_000, 70.0),
];

const ROOTS: &str = "
Petr: auskas aitis ulis ėnas onis
Jank: auskas ūnas evičius
Vasili: auskas ūnas
Raman: auskas avičius
Sakal: auskas
Mikal: auskas ajūnas
Baran: auskas ovas
Jakub: auskas ėnas onis
Rutk: auskas ūnas
Dambr: auskas
Sabali: auskas ūnas
Luk: auskas ošius ošaitis
Kavali: ūnas
Ivan: auskas ovas
Račk: auskas
Tamoš: auskas aitis
Stank: ūnas aitis
Kazak: auskas
Marcink: us
Jušk: a ėnas aitis
Pranck: us ūnas
Adom: aitis avičius ėnas
Jon: aitis auskas ušas ikas
Val: aitis iukas antinas
Laurin: aitis avičius
Mart: inaitis inkus išius inkėnas
Jurg: aitis elevičius utis
Stas: iūnas evičius
Tam: ulis ulevičius
Balč: ius
Jas: aitis inskas
Mat: ulaitis uševičius ijošaitis
Vait: kevičius ulis
But: kevičius kūnas
Urb: ikas anavičius
Nav: ikas
Sav: ickas ulionis
Žilin: skas
Kučin: skas
Kamin: skas
Rudzin: skas
Čern: iauskas ius
Grig: aitis aliūnas onis
Šim: kūnas onis kevičius
Nork: ūnas aitis
Mock: evičius aitis
Venck: ūnas
Rim: kevičius aitis šas
Bart: kevičius ulis ašius
Jurk: ūnas evičius
Vitk: evičius auskas
Stonk: ūnas
Gud: aitis onis
Masiul: ionis
Vaičiul: ionis aitis
Dom: arkas eika
Krist: inavičius
Sim: onaitis anavičius
Mik: šys nevičius
Andri: uškevičius ulis
Antan: aitis avičius
Juoz: aitis apaitis apavičius
Kaz: ėnas lauskis
Pov: ilaitis ilonis
Vyt: ėnas
Ger: ulaitis
Bal: trušaitis ys
Dau: gėla
Gir: dauskas
Jur: ėnas
Kriv: ickas
Liut: kevičius
Meš: kauskas
Mil: iauskas
Ok: ulevičius
Pak: alnis
Pauž: a
Pet: kevičius
Raud: onis
Rus: teika
Šat: kauskas
Šlap: ikas
Tark: ovskis
Urm: onas
Vilč: inskas
Žal: ys
Žvir: blis
Bern: atavičius
Bliud: žius
Brazausk: as
Daukš: a as ys
Galin: aitis
Juod: eika ka zevičius
Kar: alius
Krik: štaponis
Lap: inskas
Lingyt: is
Marozas: -
Narb: utas
Pilip: auskas avičius
Sirut: is
Tvar: dauskas
Valanč: ius
Zinkev: ičius
Žukausk: is
";

/// Roots (forenames, Slavic and Lithuanian words) that take the four commonest endings:
/// `-auskas`, `-evičius`, `-aitis` and `-ūnas` (Jonauskas, Jonevičius, Jonaitis, Jonūnas).
const PRODUCTIVE_ROOTS: &str = "
Adom Alek Andr Antan Balt Bart Ben Bern Brazd Bud But Dan Daun Dom Dov Gal Ged Ger Gir Grig Gud
Ign Ivan Jak Jan Jas Jon Juk Jur Kal Kar Kaz Kiel Kir Kond Kos Kriv Krist Kub Kuz Laur Lauk Leon
Lin Liut Luk Mark Mart Mat Mik Mil Nav Nor Pak Pal Paul Pet Petr Pil Pov Pranc Rad Ram Raud Rim
Rom Rud Rut Sab Sak Sav Sem Sim Skir Stan Stas Stef Tam Tom Urb Vaik Vait Val Vas Vil Vit Zab Žem
Žuk Bag Bal Bir Dag Eid Gaid Gin Jank Kęst Lap Mack Moc Ner Rač Sir Šid Tval Vaš Zin
";

fn generated() -> Vec<String> {
    let mut out = stems_with_suffixes(ROOTS);
    for root in PRODUCTIVE_ROOTS.split_whitespace() {
        for suffix in ["auskas", "evičius", "aitis", "ūnas"] {
            out.push(format!("{root}{suffix}"));
        }
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
            names: "Vytautas Algirdas Antanas Jonas Juozas Kęstutis Rimantas Gintaras Arūnas
                Saulius Darius Gediminas Sigitas Raimondas Valdas Audrius Alvydas Mindaugas
                Vidmantas Romualdas Stasys Povilas Petras Remigijus Egidijus Robertas Aurimas
                Vladas Česlovas Zenonas",
            coverage: 0.85,
            top: 0.07,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Tomas Mantas Lukas Mindaugas Darius Deividas Andrius Paulius Marius Justinas
                Matas Dovydas Karolis Jonas Rokas Nojus Kajus Aurimas Tadas Ignas Žygimantas
                Edvinas Domas Vilius Gytis Ernestas Laurynas Martynas Arnas Dominykas Emilis Benas
                Julius Simonas Povilas",
            coverage: 0.8,
            top: 0.06,
        },
    ],
    rare: "Adomas Albertas Aleksandras Algimantas Alfonsas Benediktas Bronius Dainius Donatas
        Eimantas Eugenijus Evaldas Gintautas Giedrius Haroldas Ignas Jurgis Kazimieras Laimonas
        Linas Modestas Nerijus Osvaldas Rolandas Rytis Sauliukas Tautvydas Valentinas Vaidas
        Žilvinas",
    middle_rate: 0.12,
    middles: "Jonas Petras Antanas Juozas Tomas Vytautas Kazimieras Mantas",
    middle_top: 0.2,
    middle_from_forenames: 0.5,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Rasa Daiva Jūratė Irena Laima Aldona Danutė Regina Vida Janina Rūta Virginija
                Dalia Genovaitė Loreta Kristina Inga Asta Jolanta Birutė Nijolė Ona Vilma Audronė
                Giedrė Aušra Violeta Edita Lina Ramunė",
            coverage: 0.85,
            top: 0.07,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Agnė Eglė Gabija Ieva Greta Kotryna Justina Monika Indrė Aistė Simona Viktorija
                Karolina Austėja Emilija Ugnė Goda Lukrecija Augustė Rugilė Kamilė Gintarė Inga
                Laura Miglė Paulina Vaiva Dovilė Urtė Evelina Akvilė Gabrielė Milda",
            coverage: 0.8,
            top: 0.06,
        },
    ],
    rare: "Aurelija Birutė Brigita Dalia Deimantė Eglė Elena Gražina Ingrida Jovita Judita
        Julija Jurgita Liucija Lolita Marija Neringa Odeta Renata Sandra Saulė Skaistė Sonata
        Svetlana Tatjana Viltė Žaneta Živilė",
    middle_rate: 0.12,
    middles: "Marija Ona Elena Rūta Eglė Kristina",
    middle_top: 0.3,
    middle_from_forenames: 0.5,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "lithuanian",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
