"""pip install . — builds the extension oborot._oborot with the project's CMake
(target oborot_python) and installs it with python/oborot/__init__.py.

Offline, as on Debian: `pip install --no-build-isolation .` (in a venv made
with --system-site-packages, so that Debian's pandas is seen). OBOROT_BUILD_DIR
names the CMake build folder (default build/pip; an existing one, such as
build, is built as configured)."""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(os.environ.get("OBOROT_BUILD_DIR", ROOT / "build" / "pip"))
        if not (build / "CMakeCache.txt").exists():  # an existing build folder keeps its own options
            subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                                   "-DOBOROT_BUILD_TESTS=OFF", "-DOBOROT_BUILD_BENCH=OFF",
                                   "-DOBOROT_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", str(build), "--target", "oborot_python", "-j",
                               str(os.cpu_count() or 2)])
        built = next((build / "python" / "oborot").glob("_oborot*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    name="oborot",
    version="0.1.0",
    description="Facts from Russian-language news on Belarus's trade with Russia's regions and other countries",
    packages=["oborot"],
    package_dir={"": "python"},
    ext_modules=[Extension("oborot._oborot", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
)
