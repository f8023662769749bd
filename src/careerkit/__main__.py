from careerkit.cli import main

main()
