# careerkit completion for fish. Load it in ~/.config/fish/config.fish:
#     careerkit completion fish | source
# or save it once: careerkit completion fish > ~/.config/fish/completions/careerkit.fish
function __careerkit_complete
    set -l reply (env COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) _CAREERKIT_COMPLETE=fish_complete careerkit 2>/dev/null)
    for line in $reply
        set -l parts (string split -m 1 , -- $line)
        switch $parts[1]
            case plain
                printf '%s\n' $parts[2]
            case file
                __fish_complete_path (commandline -ct)
            case dir
                __fish_complete_directories (commandline -ct)
        end
    end
end
complete --command careerkit --no-files --arguments '(__careerkit_complete)'
