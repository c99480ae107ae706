//! Bulgarian names: surnames on the frequency curve of Bulgaria's population, which is
//! concentrated because most surnames are a grandfather's forename with `-ov`/`-ev` (Ivanov
//! about 3.5% of people, Georgiev 2.8%, Dimitrov 2.6%; the tenth name about 1.2%), and
//! forenames of the generations who have come to England.
//!
//! Official records carry a patronymic between forename and surname (`Georgi Ivanov PETROV`),
//! formed the same way from the father's name; women's forms take `-a` (`Petrova`,
//! `Ivanova`).

use super::model::{Cohort, Given, Surnames, Tradition};

const LISTED: &str = "
Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Vasilev Atanasov Petkov
Angelov Yordanov Kolev Marinov Popov Kostov Mihaylov Stefanov Dimov Aleksandrov Pavlov Nikolaev
Yankov Krastev Mladenov Slavov Tsvetkov Zhelev Kirov Panayotov Genchev Ganchev Spasov Stoilov
Kolarov Rusev Ivanchev Tonev Stanchev Nedelchev Penev Bozhilov Valchev Gospodinov Dochev Vutov
Asenov Bonev Boyadzhiev Ganev Gerasimov Hadzhiev Kamenov Kovachev Lazarov Lyubenov Manolov
Milanov Mitev Naydenov Nenov Paskalev Peev Radev Raykov Simeonov Sotirov Stamenov Tanev Terziev
Tomov Valkov Velikov Vladimirov Yanev Yotov Zahariev Zlatev Andonov Bakalov Borisov Bogdanov
Danailov Denev Enchev Filipov Gavrilov Grigorov Hristozov Ignatov Kanev Karaivanov Kirilov
Krumov Lalov Madzharov Marchev Minchev Mollov Nachev Ognyanov Petrunov Radoslavov Rangelov
Rusinov Savov Sirakov Slavchev Stoev Taskov Tashev Trifonov Uzunov Valentinov Velev Yosifov
Zhekov Topalov Kyoseev Ovcharov Grancharov Kasabov Voynov Valchanov Zaychev Gerdzhikov Rumenov
Plamenov Emilov Kalchev Stanev Bachev Bankov Belchev Blagoev Bochev Bozhkov Chakarov
Chernev Cholakov Daskalov Delchev Dobrev Donchev Draganov Dyakov Evtimov Galabov Georgiev
Hristakiev Iordanov Kalinov Karadzhov Kehayov Kostadinov Kuzmanov Lilov Lozanov Marinchev Metodiev
Mihov Mirchev Nakov Pehlivanov Pankov Parvanov Pashov Petrichev Raychev Sabev Sarafov Shishkov
Staykov Stoychev Strahilov Tanchev Tenev Tsankov Vatev Vulchev Yanakiev Zhivkov
";

const CURVE: &[(u32, f64)] = &[
    (1, 35_000.0),
    (2, 28_000.0),
    (3, 26_000.0),
    (4, 22_000.0),
    (5, 18_000.0),
    (6, 16_000.0),
    (7, 15_000.0),
    (8, 14_000.0),
    (10, 12_000.0),
    (20, 6_000.0),
    (50, 2_500.0),
    (100, 1_000.0),
    (200, 400.0),
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
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Georgi Ivan Dimitar Nikolay Petar Hristo Stoyan Todor Krasimir Plamen Vasil
                Atanas Angel Yordan Stefan Kiril Lyubomir Rumen Valentin Emil Boyko Tsvetan Mitko
                Nikola Kostadin Iliya Zhivko Ognyan Borislav Veselin Stanislav Mihail Yanko
                Radoslav Svetoslav Asen Velichko",
            coverage: 0.85,
            top: 0.09,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Georgi Ivan Dimitar Nikolay Aleksandar Martin Daniel Kristiyan Viktor Stefan
                Petar Hristo Borislav Kaloyan Ivaylo Tsvetomir Simeon Yoan Radoslav Ventsislav
                Tihomir Atanas Todor Nikola Valentin Miroslav Denis Emil Bozhidar Preslav",
            coverage: 0.82,
            top: 0.07,
        },
    ],
    rare: "Anton Blagoy Bogomil Boris Dancho Delyan Denislav Desislav Dobromir Evgeni Filip
        Gancho Genadi Grigor Hristian Kamen Kolyo Lachezar Lazar Milen Momchil Nedyalko Pencho
        Rangel Rosen Sasho Spas Teodor Trayan Vladimir Yavor Zdravko",
    middle_rate: 0.6,
    middles: "Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Vasilev
        Atanasov Petkov Angelov Yordanov Stefanov Kirilov Krasimirov Plamenov Rumenov Valentinov
        Emilov Mihaylov Lyubomirov Tsvetanov Borislavov Kostadinov Nikolaev Ognyanov Veselinov
        Stanislavov Yankov Asenov Radoslavov Aleksandrov Martinov Kolev Krastev Marinov Mitkov
        Zhivkov",
    middle_top: 0.1,
    middle_from_forenames: 0.0,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Maria Ivanka Elena Yordanka Desislava Petya Gergana Tsvetelina Radka Rositsa
                Daniela Silviya Galina Svetla Nadezhda Mariana Snezhana Tanya Emiliya Vanya
                Tsvetanka Stoyanka Penka Todorka Veselina Lilyana Krasimira Nikolina Diana
                Anelia Zornitsa Teodora Milena Valentina Katya",
            coverage: 0.85,
            top: 0.08,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Maria Viktoria Nikol Aleksandra Gabriela Simona Elena Kristina Ivana Raya
                Desislava Gergana Tsvetelina Denitsa Yoana Vanesa Ralitsa Teodora Mihaela
                Radostina Preslava Borislava Kalina Iva Antonia Dimitrina Hristina Magdalena",
            coverage: 0.82,
            top: 0.07,
        },
    ],
    rare: "Albena Bilyana Boryana Dobrinka Donka Evelina Fani Ginka Gloria Iliana Kamelia
        Kremena Lyudmila Mila Neli Pavlina Polina Rumyana Savina Slaveya Stanislava Velina
        Violeta Yana Zdravka Zlatka",
    middle_rate: 0.6,
    middles: "Ivanova Georgieva Dimitrova Petrova Nikolova Hristova Stoyanova Todorova Ilieva
        Vasileva Atanasova Petkova Angelova Yordanova Stefanova Kirilova Krasimirova Plamenova
        Rumenova Valentinova Emilova Mihaylova Lyubomirova Tsvetanova Borislavova Kostadinova
        Nikolaeva Ognyanova Veselinova Stanislavova Yankova Asenova Radoslavova Aleksandrova
        Martinova Koleva Krasteva Marinova Mitkova Zhivkova",
    middle_top: 0.1,
    middle_from_forenames: 0.0,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "bulgarian",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
