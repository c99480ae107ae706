//! Polish names: surnames on the frequency curve of Poland's population register (PESEL) and
//! forenames by the decade Poles now living in England were born.
//!
//! Sources (public statistics; figures rounded): the PESEL register's surname counts (Nowak
//! about 200,000 bearers of 38 million, 0.53%; Kowalski/Kowalska 0.37%; Wiśniewski 0.29%; the
//! hundredth name about 0.06%; Poland has hundreds of thousands of surnames) and its forename
//! counts by year of birth (Piotr, Krzysztof, Tomasz for men born in the 1970s; Jakub, Kacper,
//! Julia, Zuzanna since 2000).
//!
//! Most Polish surnames are built from a root and a suffix: adjectival `-ski`/`-cki`/`-dzki`
//! (from places and estates: Dąbrowski, Zawadzki), and `-ak`, `-ek`, `-czyk`, `-ik`, `-owicz`
//! (sons and diminutives: Wojciechowski, Adamczyk, Nowicki). The long tail is built that way,
//! root by root, with the suffixes each root really takes.

use super::model::{Cohort, Given, Surnames, Tradition, stems_with_suffixes};

const LISTED: &str = "
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski
Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski
Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak
Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Zalewski Wróblewski
Marciniak Jasiński Zawadzki Bąk Jakubowski Sadowski Duda Włodarczyk Wilk Chmielewski Borkowski
Sokołowski Szczepański Sawicki Lis Kucharski Mazurek Kubiak Kalinowski Wysocki Maciejewski
Czarnecki Kołodziej Urbański Kaźmierczak Sobczak Konieczny Głowacki Zakrzewski Krajewski Krupa
Laskowski Ziółkowski Gajewski Mróz Brzeziński Szulc Makowski Czerwiński Baranowski Kaczmarczyk
Przybylski Szymczak Borowski Błaszczyk Górecki Sobczyk Kowalewski Kołodziejczyk Michalik
Cieślak Sikorski Andrzejewski Leśniak Piątek Kurek Rogalski Kaczor Wawrzyniak Lewicki
Zięba Szczepaniak Kozieł Wasilewski Bielecki Bednarek Leśniewski Bielawski Kaczyński Sowa
Kasprzak Michalczyk Wojtowicz Kowalik Kurowski Stachowiak Kubicki Nowacki Mazurkiewicz
Czajkowski Cieślik Dziedzic Marczak Wrona Żak Skiba Milczarek Banaś Ryba Gajda Wasiak Chojnacki
Rogowski Stasiak Tomczak Tomczyk Krawiec Domański Bukowski Bielski Kozak Urban Fijałkowski
Bogusz Szczepanik Kołodziejczak Kania Kasprzyk Grzelak Olejnik Mucha Wojtczak Sobolewski
Adamski Jaros Cichy Banach Pająk Janik Adamiak Maj Sitko Sowiński Pawlik Zych Bieniek
";

const CURVE: &[(u32, f64)] = &[
    (1, 5_300.0),
    (2, 3_700.0),
    (3, 2_900.0),
    (5, 2_600.0),
    (10, 2_200.0),
    (20, 1_700.0),
    (50, 1_000.0),
    (100, 600.0),
    (300, 230.0),
    (1_000, 75.0),
    (3_000, 25.0),
];

/// Roots and the suffixes each takes (`-` for the bare root).
const ROOTS: &str = "
Adam: czyk czak iak ski owicz ek owski
Andrzej: ewski czak czyk ak
Antoni: ak ewicz ewski
Bartosz: ewicz ek ewski
Bielaw: ski
Biel: ecki ski ak
Błaszcz: yk ak
Bogusław: ski
Bor: owski owiec ecki ek
Brod: owski ecki a
Brzoz: owski a
Buk: owski
Chojn: acki owski
Chmiel: ewski arz ecki
Cieśl: ak ik a
Czaj: kowski ka
Czarn: ecki ota ik
Dąbr: owski owa
Dobrow: olski
Domin: ik iak iczak
Dud: ek a ziak
Dziedzic: -
Fijał: kowski
Frank: owski
Gaj: ewski da ek
Gawron: ski
Gołęb: iowski iewski
Gór: ski ecki ka al
Grab: owski iec
Grzegorz: ewski ek
Grzegor: czyk
Gut: owski
Jabłoń: ski
Jakub: owski iak czyk iec ek
Jan: kowski owski icki iak ik czak kiewicz uszewski
Jarosz: ewski ek
Jawor: ski ek
Jędrzej: czak ewski czyk
Kaczmar: ek czyk ski
Kalin: owski a
Kamiń: ski
Kasprz: ak yk
Kaźmier: czak ski
Kędzier: ski
Klim: ek czak kiewicz ecki
Klon: owski
Kosiń: ski
Kowal: ski czyk ewski ik ec
Kozł: owski
Kraw: czyk iec czak
Krzyżan: owski
Kub: acki icki ala iak
Kuchar: ski czyk
Kwiat: kowski ek
Lewand: owski
Lip: owski iński iec ka
Lis: owski iecki
Łukasz: ewicz ewski czyk ek
Maciej: ewski czyk ak
Maj: ewski ka
Malin: owski a
Marcin: kowski iak kiewicz
Marcz: ak yk ewski
Mazur: ek kiewicz kiewski
Michal: ski ak ik czyk ewski
Mikołaj: czyk ewski czak
Modrzew: ski
Mostow: ski
Now: icki ik acki akowski
Olsz: ewski ak owski
Ostrow: ski
Paw: łowski lak lik licki
Piotr: owski owicz
Pietrz: ak yk
Pietrasz: ek ewski
Pokor: ski ny
Polań: ski
Przyby: lski łek
Rutk: owski
Ryb: ak icki arczyk arski
Sad: owski
Saw: icki
Sikor: a ski
Sob: czak czyk
Sokoł: owski
Sosn: owski
Stan: kiewicz ek
Stanisław: ski
Staniszew: ski
Stef: aniak ański
Szczep: ański aniak kowski
Szew: czyk c
Szyma: ński nek
Szym: czak czyk kowiak
Tokar: ski czyk
Tomasz: ewski ek
Tomcz: ak yk
Urbań: ski czyk
Urban: iak ek owicz
Walcz: ak ewski
Wasilew: ski
Wawrzyn: iak
Wieczor: ek kiewicz
Wierzb: icki owski a
Wiśniew: ski
Witk: owski
Wojciech: owski
Wójc: ik
Wol: ski ak
Woźni: ak
Wróbl: ewski
Wysoc: ki
Zalew: ski
Zawadz: ki
Zieliń: ski
Ziół: kowski
Bart: czak kowiak osik
Bednar: ek czyk ski
Bienias: -
Bogdan: owicz owski
Bojar: ski
Borys: ewicz iak
Cichoc: ki
Cholew: a iński
Czech: owski
Dębow: ski
Dolat: a
Drozd: owski
Dziub: a ek
Filip: ek czak owski iak
Gąsior: owski ek
Głuch: owski
Golon: ka
Gorzel: any
Górzyń: ski
Grochow: ski
Gronow: ski
Hajd: uk
Ignacz: ak
Iwań: ski czak
Jagieł: ło
Jasion: owski
Kania: -
Karp: iński owicz
Kiełb: asa
Kijow: ski
Kłos: owski iński
Kopeć: -
Korcz: ak yński
Kornack: i
Koszal: ski
Kot: owski ek arski
Kozak: iewicz
Krawiec: ki
Kruk: owski
Krzysz: tofik
Kulik: owski
Kur: owski ek
Lach: owski
Lasoc: ki
Lenart: owicz
Łęcz: yński
Łuczak: -
Małec: ki
Marek: -
Maśl: ak anka
Matusz: ewski ak czak
Mich: ałek
Mikul: ski
Milcz: arek
Mroz: owski ek
Nawroc: ki
Niedziel: ski a
Nowosiel: ski
Ogrodnik: -
Orzech: owski
Osiń: ski
Pacz: kowski
Pająk: -
Pasternak: -
Pawełcz: yk ak
Pęk: ala
Piasec: ki
Pilarcz: yk
Płoszaj: -
Podgór: ski
Rac: zkowski zyński
Radom: ski
Rog: owski al alski
Rosiń: ski
Rudnic: ki
Sarn: owski ecki
Siwi: ec ak
Skowron: ek ski
Słowik: owski
Sowiń: ski
Stachow: iak ski
Strzelec: ki
Sułkow: ski
Szpak: owski
Świątek: -
Tarnow: ski
Wąs: owski
Wilcz: ek yński ewski
Winiar: ski czyk
Wołoszyn: -
Zakrzew: ski
Zaręb: a ski
Zych: owicz
Żak: owski
Żuraw: ski
";

/// Roots of place-names, plants, animals and features, which take the adjectival `-owski`
/// (`-ewski` after a soft consonant): Sosnowski, Lipowski, Dębowski.
const PLACE_ROOTS: &str = "
Bar Bart Biel Bob Brod Brzez Buk Chojn Ciech Czarn Dęb Dobr Drewn Drozd Dub Gaj Gąs Głog Gost
Jabłon Jawor Jesion Karp Klon Kos Kot Kras Kur Las Lip Lis Łuk Mak Mal Most Piask Pol Pop Rad Rak
Rog Rud Rus Sosn Star Stok Szydł Trzcin Wąs Wierzb Wiśni Wit Wol Wysok Zdun Żuk Żur Gór Kol Krak
Tarn Bogusz Brzost Buczk Chrzan Groch Grzyb Kołak Mroz Orzech Rudk Słomk Sobk Trojan Tyszk Wasilk
";

/// Forenames, which take `-owski`, `-owicz`, `-ak`, and after `n`, `m`, `l` also `-czyk`,
/// `-czak` and `-kiewicz`: Adamczyk, Janiak, Piotrowicz, Stankiewicz.
const NAME_ROOTS: &str = "
Adam Andrzej Bartosz Bogdan Borys Dawid Dominik Filip Grzegorz Henryk Jakub Jan Jarosz Jędrzej
Józef Kacper Karol Kazimier Leon Łukasz Maciej Marcin Matusz Michal Mikołaj Pawł Piotr Rafał
Stan Stefan Szymon Tomasz Wacław Walent Wawrzyn Wiktor Wojciech Zygmunt
";

/// Trades, which take `-czyk`, `-ski` and `-ek`: Bednarczyk, Stolarski, Kaczmarek.
const TRADES: &str = "Bednar Kowal Kuchar Kaczmar Młynar Piekar Rymar Stolar Ślusar Pisar Tokar";

fn soft(root: &str) -> bool {
    [
        "cz", "sz", "rz", "ż", "j", "l", "c", "ń", "ś", "ć", "ź", "dz",
    ]
    .iter()
    .any(|e| root.ends_with(e))
}

fn generated() -> Vec<String> {
    let mut out = stems_with_suffixes(ROOTS);
    for root in PLACE_ROOTS.split_whitespace() {
        out.push(format!(
            "{root}{}",
            if soft(root) { "ewski" } else { "owski" }
        ));
    }
    for root in NAME_ROOTS.split_whitespace() {
        let (ski, icz) = if soft(root) {
            ("ewski", "ewicz")
        } else {
            ("owski", "owicz")
        };
        out.push(format!("{root}{ski}"));
        out.push(format!("{root}{icz}"));
        // -iak after a labial or n (Janiak, Filipiak), -ak after a soft consonant or s
        // (Bartoszak, Michalak); other roots do not take it.
        if ["n", "m", "b", "p", "w"].iter().any(|e| root.ends_with(e)) {
            out.push(format!("{root}iak"));
        } else if soft(root) || root.ends_with('s') {
            out.push(format!("{root}ak"));
        }
        if ["n", "m", "l"].iter().any(|e| root.ends_with(e)) {
            out.push(format!("{root}czyk"));
            out.push(format!("{root}czak"));
            out.push(format!("{root}kiewicz"));
        }
    }
    for root in TRADES.split_whitespace() {
        out.push(format!("{root}czyk"));
        out.push(format!("{root}ski"));
        out.push(format!("{root}ek"));
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
            born_before: 1975,
            names: "Krzysztof Andrzej Piotr Tomasz Jan Marek Stanisław Zbigniew Jerzy Tadeusz
                Józef Ryszard Grzegorz Mirosław Dariusz Henryk Janusz Zdzisław Kazimierz Roman
                Waldemar Jacek Leszek Sławomir Wojciech Mariusz Robert Adam Wiesław Bogdan
                Władysław Edward Zenon Eugeniusz Czesław Paweł Marian Jarosław Michał Józef",
            coverage: 0.85,
            top: 0.06,
        },
        Cohort {
            born_before: 1995,
            names: "Tomasz Marcin Michał Łukasz Paweł Krzysztof Piotr Mateusz Kamil Jakub Marek
                Dawid Adam Bartosz Rafał Mariusz Grzegorz Daniel Damian Sebastian Dariusz
                Przemysław Artur Maciej Radosław Adrian Patryk Karol Konrad Robert Wojciech
                Szymon Arkadiusz Krystian Norbert Mirosław Jarosław Sławomir Hubert Andrzej",
            coverage: 0.82,
            top: 0.055,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Jakub Kacper Mateusz Szymon Filip Bartosz Michał Wiktor Antoni Jan Dawid
                Kamil Piotr Patryk Adam Oskar Aleksander Franciszek Igor Mikołaj Dominik Maciej
                Krzysztof Hubert Tomasz Karol Miłosz Adrian Paweł Wojciech Marcel Nikodem Tymon
                Stanisław Ignacy Julian Leon Maksymilian Fabian Oliwer Gabriel",
            coverage: 0.8,
            top: 0.045,
        },
    ],
    rare: "Adrian Albert Aleksy Alfred Ambroży Bernard Błażej Bolesław Bronisław Cezary Cyprian
        Damian Dominik Emil Eryk Feliks Florian Gerard Gustaw Henryk Hieronim Ireneusz Jędrzej
        Juliusz Konstanty Kornel Lech Leon Leopold Lucjan Ludwik Maksym Miron Mieczysław Norbert
        Olaf Oskar Remigiusz Ryszard Seweryn Sylwester Teodor Tobiasz Wacław Walenty Witold
        Zygmunt",
    middle_rate: 0.5,
    middles: "Jan Józef Piotr Paweł Andrzej Stanisław Tomasz Krzysztof Marek Adam Jakub Wojciech
        Franciszek Antoni Kazimierz Marian Tadeusz Aleksander Michał Jerzy",
    middle_top: 0.12,
    middle_from_forenames: 0.5,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1975,
            names: "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Zofia
                Janina Teresa Joanna Danuta Irena Halina Jadwiga Beata Dorota Grażyna Jolanta
                Renata Bożena Iwona Marianna Stanisława Urszula Mirosława Alicja Wanda Helena
                Lucyna Henryka Bogumiła Genowefa Aleksandra Magdalena Monika Edyta Ewelina",
            coverage: 0.85,
            top: 0.07,
        },
        Cohort {
            born_before: 1995,
            names: "Anna Katarzyna Magdalena Agnieszka Joanna Monika Marta Aleksandra Natalia
                Karolina Paulina Justyna Ewelina Kamila Patrycja Sylwia Marzena Dominika
                Weronika Izabela Emilia Małgorzata Martyna Beata Edyta Aneta Dorota Iwona Anita
                Angelika Klaudia Ewa Julia Kinga Żaneta Agata Daria Milena Wioletta Marlena",
            coverage: 0.8,
            top: 0.06,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Julia Zuzanna Maja Lena Aleksandra Natalia Wiktoria Oliwia Zofia Hanna Amelia
                Alicja Gabriela Martyna Nikola Weronika Emilia Karolina Kinga Laura Paulina
                Klaudia Patrycja Magdalena Anna Katarzyna Nadia Liliana Antonina Michalina Pola
                Kornelia Marcelina Joanna Dominika Agata Jagoda Laura Nina Helena",
            coverage: 0.8,
            top: 0.05,
        },
    ],
    rare: "Adrianna Albina Apolonia Bernadeta Bogna Celina Dagmara Eliza Emilia Felicja
        Franciszka Genowefa Gertruda Hanna Honorata Ilona Jagna Jowita Kazimiera Klara Lidia
        Ludmiła Luiza Malwina Marcelina Milena Oliwia Regina Roksana Róża Sabina Stefania
        Tamara Wiesława Zenona Zuzanna Żaklina",
    middle_rate: 0.5,
    middles: "Maria Anna Katarzyna Joanna Barbara Teresa Zofia Elżbieta Magdalena Agnieszka
        Aleksandra Ewa Krystyna Małgorzata Helena Jadwiga",
    middle_top: 0.3,
    middle_from_forenames: 0.4,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "polish",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
