//! Portuguese names: surnames on the frequency curve of Portugal's population, which is
//! concentrated (Silva is the last surname of about one person in ten, Santos, Ferreira and
//! Pereira of about one in twenty each), and forenames, which are concentrated too (Maria,
//! José, João). Two given names are usual (`João Pedro`, `Ana Rita`).
//!
//! Records in England write one surname, the last, which is the one kept here.

use super::model::{Cohort, Given, Surnames, Tradition};

const LISTED: &str = "
Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves
Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes
Soares Vieira Monteiro Cardoso Rocha Neves Coelho Cruz Cunha Pires Ramos Reis Simões Antunes
Matos Fonseca Machado Araújo Barbosa Tavares Lourenço Castro Figueiredo Azevedo Freitas Batista
Miranda Henriques Duarte Baptista Campos Lima Guerreiro Morais Nogueira Pacheco Sequeira
Magalhães Brito Leite Loureiro Amaral Faria Borges Valente Mota Sá Vaz Cabral Rebelo Pinheiro
Abreu Paiva Branco Esteves Leal Sampaio Melo Andrade Cordeiro Macedo Bastos Serrano Calado Rosa
Dias Carneiro Pinho Vasconcelos Guimarães Barros Queirós Salgado Moura Maia Garcia Silvestre
Couto Xavier Mourão Viana Medeiros Peixoto Fontes Prates Brandão Seixas Ventura Barreto
Domingues Rosário Frade Gaspar Jorge Bento Mateus Silveira Santana Bernardo Cabrita Raposo Lobo
Farinha Godinho Portela Valadares Nascimento Carmo Estrela Graça Conceição Assunção Simão
Gouveia Resende Matias Alexandre Gil Paulo Teodoro Tomé Vicente Pestana Chaves Aguiar Sardinha
Rijo Fialho Bravo Caldeira Canelas Carrilho Lacerda Marinho Pimentel Sobral Trindade Vilela
Afonso Amorim Arruda Belo Bettencourt Bicho Botelho Caetano Carreira Casimiro Cerqueira Coutinho
Diniz Ferraz Fernandes Franco Galvão Gama Jardim Lemos Lucas Madeira Martinho Mesquita Meireles
Neto Nóbrega Novais Osório Pais Pedrosa Pereira Quaresma Quintela Rolo Sarmento Serra Sobreira
Tavares Torres Valverde Varela Vidal Viegas
";

const CURVE: &[(u32, f64)] = &[
    (1, 90_000.0),
    (2, 60_000.0),
    (3, 50_000.0),
    (4, 48_000.0),
    (5, 40_000.0),
    (6, 38_000.0),
    (7, 36_000.0),
    (8, 33_000.0),
    (9, 30_000.0),
    (10, 29_000.0),
    (15, 24_000.0),
    (20, 18_000.0),
    (30, 11_000.0),
    (50, 6_000.0),
    (100, 2_500.0),
    (200, 900.0),
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
            names: "José António Manuel João Francisco Joaquim Carlos Fernando Luís Jorge Paulo
                Mário Rui Pedro Armando Vítor Alberto Américo Domingos Artur Abílio Augusto
                Alfredo Álvaro Eduardo Henrique Nuno Sérgio",
            coverage: 0.88,
            top: 0.12,
        },
        Cohort {
            born_before: i32::MAX,
            names: "João Pedro Tiago Rui Miguel Bruno André Ricardo Diogo Nuno Hugo Gonçalo Rafael
                Luís Daniel Gabriel Francisco Tomás Martim Duarte Rodrigo Guilherme David Vasco
                Afonso Santiago Filipe Marco Hélder Fábio",
            coverage: 0.85,
            top: 0.08,
        },
    ],
    rare: "Adriano Agostinho Alexandre Amândio Aníbal Bernardo Caetano Cristiano Emanuel Fausto
        Gaspar Gil Horácio Ivo Leonel Lourenço Marcelo Mateus Norberto Orlando Raul Renato
        Salvador Simão Teodoro Valter Xavier",
    middle_rate: 0.65,
    middles: "Manuel José João Pedro Miguel Filipe Carlos Luís Paulo António Francisco Jorge",
    middle_top: 0.15,
    middle_from_forenames: 0.5,
};

const FEMALE: Given = Given {
    cohorts: &[
        Cohort {
            born_before: 1980,
            names: "Maria Ana Manuela Fernanda Isabel Teresa Rosa Fátima Paula Carla Helena
                Conceição Lurdes Graça Luísa Lúcia Alice Margarida Rosário Cristina Sandra Susana
                Natália Olga Celeste Emília Glória",
            coverage: 0.88,
            top: 0.15,
        },
        Cohort {
            born_before: i32::MAX,
            names: "Ana Maria Inês Sofia Beatriz Mariana Catarina Joana Rita Marta Sara Carolina
                Leonor Matilde Francisca Diana Filipa Daniela Andreia Vanessa Patrícia Cláudia
                Raquel Tânia Bárbara Margarida Lara Alice Laura",
            coverage: 0.85,
            top: 0.09,
        },
    ],
    rare: "Adelaide Amélia Aurora Benedita Clara Constança Dalila Elisa Ermelinda Eva Gabriela
        Heloísa Irene Jacinta Júlia Leonilde Lígia Madalena Mafalda Micaela Noémia Odete Olívia
        Palmira Rosalina Salomé Sílvia Vera Yolanda",
    middle_rate: 0.65,
    middles: "Maria Isabel Sofia Rita Filipa Margarida Catarina Teresa Luísa Cristina José João",
    middle_top: 0.3,
    middle_from_forenames: 0.5,
};

pub(crate) const TRADITIONS: &[Tradition] = &[Tradition {
    key: "portuguese",
    weight: 1000,
    surnames: SURNAMES,
    male: MALE,
    female: FEMALE,
}];
