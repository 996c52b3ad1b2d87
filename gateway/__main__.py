from gateway.launch import main

if __name__ == "__main__":  # guarded: the worker process (spawn) imports this module again
    main()
