// Tile-grid map of Russia's federal subjects: one square per subject, placed
// roughly by geography (west to east, north to south) on a 18 x 12 grid, as
// news sites draw Russia when every region must be visible and clickable.
// Codes are those of data/gazetteers/parties.tsv. Hand-made: no tile grid of
// Russia with these codes exists as a package.
window.OBOROT_REGIONS = [
  // [code, column, row]
  ['RU-MUR', 3, 0], ['RU-CHU', 17, 0],
  ['RU-KR', 2, 1], ['RU-ARK', 4, 1], ['RU-NEN', 5, 1], ['RU-YAN', 8, 1], ['RU-KYA', 10, 1], ['RU-SA', 13, 1],
  ['RU-MAG', 15, 1], ['RU-KAM', 17, 1],
  ['RU-KGD', 0, 2], ['RU-SPE', 1, 2], ['RU-LEN', 2, 2], ['RU-VLG', 3, 2], ['RU-KO', 5, 2], ['RU-KHM', 7, 2],
  ['RU-TOM', 9, 2], ['RU-IRK', 11, 2], ['RU-AMU', 13, 2], ['RU-KHA', 15, 2], ['RU-SAK', 17, 2],
  ['RU-PSK', 1, 3], ['RU-NGR', 2, 3], ['RU-YAR', 3, 3], ['RU-KOS', 4, 3], ['RU-KIR', 5, 3], ['RU-PER', 6, 3],
  ['RU-SVE', 7, 3], ['RU-TYU', 8, 3], ['RU-NVS', 9, 3], ['RU-KEM', 10, 3], ['RU-BU', 11, 3], ['RU-ZAB', 12, 3],
  ['RU-YEV', 14, 3], ['RU-PRI', 15, 3],
  ['RU-SMO', 1, 4], ['RU-TVE', 2, 4], ['RU-IVA', 3, 4], ['RU-NIZ', 4, 4], ['RU-ME', 5, 4], ['RU-UD', 6, 4],
  ['RU-CHE', 7, 4], ['RU-KGN', 8, 4], ['RU-OMS', 9, 4], ['RU-KK', 10, 4], ['RU-TY', 11, 4],
  ['RU-BRY', 1, 5], ['RU-KLU', 2, 5], ['RU-MOW', 3, 5], ['RU-VLA', 4, 5], ['RU-CU', 5, 5], ['RU-TA', 6, 5],
  ['RU-BA', 7, 5], ['RU-ALT', 9, 5], ['RU-AL', 10, 5],
  ['RU-KRS', 1, 6], ['RU-ORL', 2, 6], ['RU-TUL', 3, 6], ['RU-MOS', 4, 6], ['RU-MO', 5, 6], ['RU-ULY', 6, 6],
  ['RU-ORE', 7, 6],
  ['RU-BEL', 1, 7], ['RU-LIP', 2, 7], ['RU-RYA', 3, 7], ['RU-PNZ', 4, 7], ['RU-SAM', 5, 7], ['RU-SAR', 6, 7],
  ['RU-LPR', 0, 8], ['RU-VOR', 1, 8], ['RU-TAM', 2, 8], ['RU-VGG', 3, 8], ['RU-AST', 4, 8],
  ['RU-DPR', 0, 9], ['RU-ROS', 1, 9], ['RU-KL', 2, 9], ['RU-STA', 3, 9], ['RU-DA', 4, 9],
  ['RU-ZAP', 0, 10], ['RU-KDA', 1, 10], ['RU-AD', 2, 10], ['RU-KC', 3, 10], ['RU-CE', 4, 10],
  ['RU-KHE', 0, 11], ['RU-CR', 1, 11], ['RU-SEV', 2, 11], ['RU-KB', 3, 11], ['RU-SE', 4, 11], ['RU-IN', 5, 11],
];
