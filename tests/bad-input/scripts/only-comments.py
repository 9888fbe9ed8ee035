# nothing here

   
# at all
