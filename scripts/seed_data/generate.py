"""Generate the illustrative CSV files of the seed catalog (datasets/data/).

The files follow the layouts of the official sources (SIDPOL, Ministerio Público,
SUNASS, DIRESA, MIDAGRI SISAP/SIEA, SENAMHI, Planilla Electrónica, ENAHO) and are
built on the real districts, ubigeo codes and 2025 populations of
datasets/reference/la_libertad_districts.csv. Every figure is a plausible
demonstration value, not an official statistic; the dataset descriptions in
datasets/catalog/ say so and the harvesters replace them with official data.

Pure standard library and deterministic: each file has its own fixed seed, so
running the script again reproduces the committed files byte for byte. Each
commitment's files come from its own module (seguridad.py, agua.py, agro.py,
laboral.py), built on the districts and helpers of common.py.

The files keep fixed dates (the sample "year" ends on common.CUTOFF). They are not shown
with those dates: the seed loader (ckanext/grll/seed/loader.py) moves the dates of
every dataset marked ``muestra_demostrativa: true`` at load time so that its newest
row falls in the month before the seeding day; the data dictionaries in
datasets/catalog/ tell it which columns hold dates (types date and timestamp) and
which hold years, months or campaigns (``periodo: anio | mes | campana``).

    python3 scripts/seed_data/generate.py [--out FOLDER] [--harvest-out FOLDER]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import agro
import agua
import laboral
import seguridad
from common import DATA, HARVEST


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA,
                        help="output folder (default: datasets/data)")
    parser.add_argument("--harvest-out", type=Path, default=HARVEST,
                        help="output folder of the harvest samples (default: datasets/harvest)")
    args = parser.parse_args()
    for commitment in (seguridad, agua, agro, laboral):
        commitment.generate(args.out, args.harvest_out)


if __name__ == "__main__":
    main()
